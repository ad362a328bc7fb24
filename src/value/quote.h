// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Quoted string literals: JSON strings for the codecs, Go-%q-style strings for the
// diagnostics the built-in validators write (the Go framework's messages quote with %q).
//
//   std::string out;
//   if (!AppendQuoted(out, value, QuoteStyle::kJson)) { /* not valid UTF-8 */ }
//   std::string msg = "value must be one of: " + Quoted(name, QuoteStyle::kGo);
#ifndef TFSDK_SRC_VALUE_QUOTE_H_
#define TFSDK_SRC_VALUE_QUOTE_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace tfsdk::internal {

enum class QuoteStyle {
  // RFC 8259: \" \\ \n \r \t \b \f, other control bytes as \u00XX. Everything else is
  // copied as is; the result is valid JSON only if the input is valid UTF-8.
  kJson,
  // Go's strconv.Quote for ASCII: \" \\ \n \r \t \a \b \f \v, other control bytes and DEL
  // as \xXX. Everything else is copied as is.
  kGo,
};

// Appends `s` quoted in `style` to `out`. Returns false if `s` is not valid UTF-8 (checked
// for kJson only; kGo always returns true). The whole string is appended either way.
bool AppendQuoted(std::string& out, std::string_view s, QuoteStyle style);

// The same, returned.
std::string Quoted(std::string_view s, QuoteStyle style);

// Length of the well-formed UTF-8 sequence (RFC 3629) starting at s[i], whose first byte
// is >= 0x80, or 0 if it is ill-formed.
size_t Utf8SequenceLength(std::string_view s, size_t i);

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_VALUE_QUOTE_H_
