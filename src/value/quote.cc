// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/value/quote.h"

namespace tfsdk::internal {

size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
  };
  auto cont = [&](size_t k) { return (byte(k) & 0xC0u) == 0x80u; };
  unsigned c = byte(0);
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned c1 = byte(1);
    if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
    if (c == 0xED && c1 > 0x9F) return 0;  // UTF-16 surrogate
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned c1 = byte(1);
    if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
    if (c == 0xF4 && c1 > 0x8F) return 0;  // above U+10FFFF
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

bool AppendQuoted(std::string& out, std::string_view s, QuoteStyle style) {
  static constexpr char kHex[] = "0123456789abcdef";
  const bool json = style == QuoteStyle::kJson;
  bool valid = true;
  out.push_back('"');
  size_t run = 0;  // start of the bytes not yet copied
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {  // copied as is; JSON checks the sequence
      size_t len = json ? Utf8SequenceLength(s, i) : 1;
      if (len == 0) {
        valid = false;
        len = 1;
      }
      i += len;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\' && (json || c != 0x7f)) {
      ++i;
      continue;
    }
    out.append(s.data() + run, i - run);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (!json && c == '\a') {
          out += "\\a";
        } else if (!json && c == '\v') {
          out += "\\v";
        } else {
          out += json ? "\\u00" : "\\x";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 0xF]);
        }
    }
    run = ++i;
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
  return valid;
}

std::string Quoted(std::string_view s, QuoteStyle style) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendQuoted(out, s, style);
  return out;
}

}  // namespace tfsdk::internal
