// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/plugin/handshake.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <functional>
#include <set>
#include <string>

#include "absl/status/status.h"

namespace tfsdk::internal {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string JoinVersions(const std::set<int, std::greater<>>& versions) {
  std::string out;
  for (int v : versions) {
    if (!out.empty()) out += ",";
    out += std::to_string(v);
  }
  return out.empty() ? "none" : out;
}

}  // namespace

absl::StatusOr<int> NegotiateProtocolVersion(const std::vector<int>& served,
                                             std::optional<std::string_view> client_env) {
  const std::set<int, std::greater<>> ours(served.begin(), served.end());
  if (ours.empty()) {
    return absl::FailedPreconditionError(
        "this provider serves no plugin protocol version (neither 5 nor 6 is configured)");
  }
  if (!client_env.has_value() || Trim(*client_env).empty()) return *ours.begin();

  std::set<int, std::greater<>> theirs;
  std::string_view rest = *client_env;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view entry = Trim(rest.substr(0, comma));
    int v = 0;
    const auto [end, ec] = std::from_chars(entry.data(), entry.data() + entry.size(), v);
    // Go's strconv.Atoi skips what it cannot parse; so do we, but only whole integers count.
    if (ec == std::errc() && end == entry.data() + entry.size() && !entry.empty()) {
      theirs.insert(v);
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  for (int v : ours) {
    if (theirs.count(v) != 0) return v;
  }
  return absl::FailedPreconditionError(
      "no plugin protocol version in common: the client supports " + JoinVersions(theirs) + " (" +
      std::string(kEnvProtocolVersions) + "=\"" + std::string(*client_env) +
      "\"), this provider serves " + JoinVersions(ours) +
      ". Use a Terraform or OpenTofu release that speaks one of the provider's versions.");
}

std::string FormatHandshakeLine(int protocol_version, std::string_view socket_path,
                                std::string_view cert_base64) {
  std::string line = std::to_string(kCoreProtocolVersion);
  line += '|';
  line += std::to_string(protocol_version);
  line += "|unix|";
  line += socket_path;
  line += "|grpc|";
  line += cert_base64;
  line += '\n';
  return line;
}

std::string Base64RawStdEncode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                       (static_cast<uint8_t>(bytes[i + 1]) << 8) |
                       static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
    out += kAlphabet[n & 63];
  }
  const size_t left = bytes.size() - i;
  if (left == 1) {
    const uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
  } else if (left == 2) {
    const uint32_t n =
        (static_cast<uint8_t>(bytes[i]) << 16) | (static_cast<uint8_t>(bytes[i + 1]) << 8);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

}  // namespace tfsdk::internal
