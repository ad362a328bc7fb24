// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// The one place where the engine runs author code. Anything the code throws becomes an
// error diagnostic; nothing escapes into gRPC or terminates the provider process:
//
//   GuardAuthorCall(resp.diagnostics, "Create of acme_thing", std::nullopt,
//                   [&] { resource.Create(req, resp); });
#ifndef TFSDK_SRC_ENGINE_GUARD_H_
#define TFSDK_SRC_ENGINE_GUARD_H_

#include <functional>
#include <optional>
#include <string_view>

#include "tfsdk/diagnostics.h"
#include "tfsdk/path.h"

namespace tfsdk::internal {

// Runs `fn` (author code). Anything it throws becomes an error diagnostic in `diags`:
//   ConversionError      -> "Invalid value in <where>", at the error's path, or at `path`
//                           when the error has none;
//   other std::exception -> "Unexpected error in <where>" with what(), at `path`;
//   anything else        -> "Unexpected error in <where>", at `path`.
// Returns false if `fn` threw.
bool GuardAuthorCall(Diagnostics& diags, std::string_view where,
                     const std::optional<Path>& path, const std::function<void()>& fn);

// The same, at `path` unless it is the empty (root) path.
inline bool GuardAuthorCall(Diagnostics& diags, std::string_view where, const Path& path,
                            const std::function<void()>& fn) {
  return GuardAuthorCall(diags, where,
                         path.empty() ? std::nullopt : std::optional<Path>(path), fn);
}

// The same, without a path.
inline bool GuardAuthorCall(Diagnostics& diags, std::string_view where,
                            const std::function<void()>& fn) {
  return GuardAuthorCall(diags, where, std::nullopt, fn);
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_GUARD_H_
