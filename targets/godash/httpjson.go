// Small HTTP helpers shared by the JSON endpoints: method checks, JSON bodies in and out.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxBodyBytes bounds every request body; larger ones get 413.
const maxBodyBytes = 64 << 10

// allowMethods answers 405 with an Allow header unless r uses one of methods.
func allowMethods(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, method := range methods {
		if r.Method == method {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed", r.Method))
	return false
}

func writeJSON(w http.ResponseWriter, status int, value any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The values written are godash's own structs; an error here is the client going away.
	_ = json.NewEncoder(w).Encode(value)
}

// writeError answers status with {"error": message}.
func writeError(w http.ResponseWriter, status int, message string) {
	writeJSON(w, status, map[string]string{"error": message})
}

// readBody reads the whole body, at most maxBodyBytes. On failure it has already answered
// (413 when too large, 400 otherwise) and returns false.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err == nil {
		return body, true
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		writeError(w, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("body larger than %d bytes", maxBodyBytes))
	} else {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("reading body: %v", err))
	}
	return nil, false
}

// decodeBody reads one JSON object into target, rejecting unknown fields and trailing data
// (a typo must not be silently ignored). On failure it has already answered.
func decodeBody(w http.ResponseWriter, r *http.Request, target any) bool {
	body, ok := readBody(w, r)
	if !ok {
		return false
	}
	decoder := json.NewDecoder(bytes.NewReader(body))
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(target); err != nil {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("invalid JSON body: %v", err))
		return false
	}
	if decoder.More() {
		writeError(w, http.StatusBadRequest, "invalid JSON body: data after the object")
		return false
	}
	return true
}
