// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/engine/guard.h"

#include <exception>
#include <string>

#include "absl/strings/str_cat.h"
#include "src/log/log_internal.h"
#include "tfsdk/convert.h"

namespace tfsdk::internal {

bool GuardAuthorCall(Diagnostics& diags, std::string_view where,
                     const std::optional<Path>& path, const std::function<void()>& fn) {
  const std::string place(where);
  SdkLog(log::Level::kTrace, "calling provider code", {{"where", place}});
  try {
    fn();
    return true;
  } catch (const ConversionError& e) {
    SdkLog(log::Level::kDebug, "provider code threw", {{"where", place}, {"error", e.what()}});
    diags.AddError(absl::StrCat("Invalid value in ", place), e.what(),
                   e.path().empty() ? path : std::optional<Path>(e.path()));
  } catch (const std::exception& e) {
    SdkLog(log::Level::kDebug, "provider code threw", {{"where", place}, {"error", e.what()}});
    diags.AddError(absl::StrCat("Unexpected error in ", place), e.what(), path);
  } catch (...) {
    SdkLog(log::Level::kDebug, "provider code threw", {{"where", place}});
    diags.AddError(absl::StrCat("Unexpected error in ", place),
                   "The provider threw an exception that is not a std::exception.", path);
  }
  return false;
}

}  // namespace tfsdk::internal
