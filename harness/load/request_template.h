// A request of the scenario's mix, compiled once at set-up into the bytes to send, so that each
// send only fills in {seq} and {rand:N}, without allocating ({pad:N} is expanded at set-up);
// plus the weighted choice of which request to send and the small random generator both draw
// from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/scenario/scenario.h"
#include "harness/scenario/seeded_random.h"

namespace faultline::load {

// One scenario::RequestTemplate as HTTP/1.1 bytes:
//   METHOD path HTTP/1.1 / Host / common headers / the template's headers / Content-Length / body
// A template header replaces a common header of the same name (names compare case-insensitively),
// and either replaces the default Host. Content-Length is sent when there is a body, and as 0 for
// POST, PUT and PATCH without one; it is computed per send when the body has placeholders.
class CompiledRequest {
 public:
  using Headers = std::span<const std::pair<std::string, std::string>>;

  // Placeholders follow scenario::parse_request_template(): a '{' followed by a letter starts
  // one, other braces are literal text (JSON bodies are common). Throws std::invalid_argument
  // for a placeholder it rejects ("{rand:0}", "{pad:0}", "{rnd:3}", a {pad:N} above
  // scenario::kMaxPadBytes), a method that is not a token, a path with whitespace or control
  // characters, a header that is not a valid field, or a Content-Length or Transfer-Encoding
  // header (faultline frames the body). {pad:N} becomes N bytes of 'x' here, once: a request
  // whose only placeholders are paddings is constant().
  CompiledRequest(const scenario::RequestTemplate& request, std::string_view host, Headers common_headers);

  // The response to this request has no body, whatever its headers say.
  bool head() const { return head_; }
  // No placeholders: every render() returns the same pre-built bytes.
  bool constant() const { return head_pieces_.size() == 1 && !body_dynamic_; }

  // The bytes of one request. {seq} becomes `sequence`, each {rand:N} a fresh draw from `rng` in
  // [0, N), in the order they appear. A constant request returns its pre-built bytes and leaves
  // `buffer` alone; otherwise the request is written into `buffer` (cleared first), which does not
  // allocate once its capacity is max_rendered_bytes(). The view is valid until `buffer` changes.
  std::string_view render(std::uint64_t sequence, scenario::SeededRandom& rng, std::string& buffer) const;

  // An upper bound of the size of any rendered request: reserve it in the buffer once.
  std::size_t max_rendered_bytes() const { return max_rendered_bytes_; }

 private:
  struct Piece {
    enum class Kind : std::uint8_t { literal, sequence, random };
    Kind kind;
    std::size_t offset = 0;  // literal: its bytes in literals_
    std::size_t length = 0;
    std::uint64_t bound = 0;  // random: draws are in [0, bound)
  };
  using Pieces = std::vector<Piece>;

  void append_text(std::string_view text, Pieces& pieces);
  void append_literal(std::string_view text, Pieces& pieces);
  void extend_literal(std::size_t length, Pieces& pieces);
  void append_pieces(const Pieces& pieces, std::uint64_t sequence, scenario::SeededRandom& rng, std::string& out) const;

  bool head_ = false;
  std::string literals_;  // the text of every literal piece; all of the request when constant()
  // Everything up to the body when body_dynamic_ (then "Content-Length: N\r\n\r\n" and the body
  // follow), else the whole request.
  Pieces head_pieces_;
  bool body_dynamic_ = false;  // the body has placeholders
  Pieces body_pieces_;         // only when body_dynamic_
  std::size_t max_rendered_bytes_ = 0;
};

// Chooses a request of the mix in proportion to the weights: one draw and a binary search.
class WeightedPicker {
 public:
  // Throws std::invalid_argument when there are no weights or they are all zero (a weight of
  // zero is allowed: that entry is never picked).
  explicit WeightedPicker(std::span<const unsigned> weights);

  std::size_t pick(scenario::SeededRandom& rng) const;

 private:
  std::vector<std::uint64_t> cumulative_;  // cumulative_[i]: sum of weights[0..i]
};

}  // namespace faultline::load
