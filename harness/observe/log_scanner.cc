#include "harness/observe/log_scanner.h"

#include <algorithm>
#include <utility>

namespace faultline::observe {

namespace {

// The longest prefix of `text` of at most `bytes` bytes that does not end inside a UTF-8
// sequence, so that a cut report is still valid text for result.json.
std::string_view utf8_prefix(std::string_view text, std::size_t bytes) {
  if (bytes >= text.size()) return text;
  std::size_t end = bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

LogScanner::LogScanner(ReportCollector& collector, LogScannerLimits limits)
    : collector_(collector), limits_(limits) {}

void LogScanner::feed(std::string_view chunk, double at_s) {
  while (!chunk.empty()) {
    const std::size_t newline = chunk.find('\n');
    const std::string_view piece = chunk.substr(0, newline);
    if (partial_.empty() && !skipping_rest_) partial_at_s_ = at_s;
    if (!skipping_rest_) {
      const std::size_t room = limits_.max_line_bytes - partial_.size();
      partial_.append(piece.substr(0, room));
      skipping_rest_ = piece.size() > room;
    }
    if (newline == std::string_view::npos) return;
    chunk.remove_prefix(newline + 1);

    std::string_view line = partial_;
    if (line.ends_with('\r')) line.remove_suffix(1);
    on_line(line, partial_at_s_);
    partial_.clear();
    skipping_rest_ = false;
  }
}

void LogScanner::finish() {
  if (!partial_.empty()) {
    std::string_view line = partial_;
    if (line.ends_with('\r')) line.remove_suffix(1);
    on_line(line, partial_at_s_);
    partial_.clear();
  }
  skipping_rest_ = false;
  if (open_) close(true);
}

void LogScanner::on_line(std::string_view line, double at_s) {
  std::unique_ptr<ReportReader> starting = start_report(line);
  // A new report's first line ends the open one even if that one's end was never printed.
  if (open_ && !starting) {
    const ReportReader::Verdict verdict = open_->reader->read(line);
    if (verdict != ReportReader::Verdict::not_part) {
      append(line);
      if (verdict == ReportReader::Verdict::last) {
        close(true);
      } else if (open_->lines >= limits_.max_report_lines) {
        close(false);
      }
      return;
    }
  }
  if (open_) close(true);
  if (starting) begin(std::move(starting), line, at_s);
}

void LogScanner::begin(std::unique_ptr<ReportReader> reader, std::string_view line, double at_s) {
  open_.emplace();
  open_->reader = std::move(reader);
  open_->at_s = at_s;
  append(line);
}

void LogScanner::append(std::string_view line) {
  ++open_->lines;
  if (open_->cut) return;
  std::string& text = open_->text;
  const std::size_t separator = text.empty() ? 0 : 1;
  const std::size_t room = limits_.max_report_text_bytes - std::min(limits_.max_report_text_bytes, text.size() + separator);
  if (separator == 1 && room > 0) text += '\n';
  const std::string_view kept = utf8_prefix(line, room);
  text.append(kept);
  open_->cut = kept.size() < line.size();
}

void LogScanner::close(bool complete) {
  OpenReport report = std::move(*open_);
  open_.reset();
  if (report.cut)
    report.text += "\n[faultline: report cut at " + std::to_string(limits_.max_report_text_bytes) + " bytes]";
  if (!complete)
    report.text += "\n[faultline: report closed after " + std::to_string(report.lines) + " lines without its end]";
  collector_.add(report.reader->identity(), report.at_s, std::move(report.text));
}

}  // namespace faultline::observe
