// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Engine::GenerateResourceConfig: Terraform 1.14+ asks the provider which configuration
// to write for an imported object (`terraform plan -generate-config-out=FILE` with an
// `import` block) and renders the returned value as HCL, leaving out null values. The
// default is the Go framework's (fwserver GenerateResourceConfig): the state, with these
// set to null because a configuration cannot or should not set them:
//   - computed-only attributes (read-only; Terraform would reject them in configuration);
//   - deprecated attributes and blocks;
//   - a top-level optional+computed "id" (legacy SDKs add one that may not be settable);
//   - empty strings of optional attributes (legacy SDKs store "" for "not set").
// Write-only attributes are always null in state. Resource::GenerateConfig may then
// change the result.

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "src/engine/engine.h"
#include "src/value/json_codec.h"
#include "src/value/msgpack_codec.h"

namespace tfsdk::internal {
namespace {

// Whether the default configuration leaves the value at `path` out.
bool DropFromConfig(const Schema& schema, const Path& path, const Value& v) {
  if (const Attribute* attr = schema.FindAttribute(path)) {
    if (attr->deprecated || !attr->deprecation_message.empty()) return true;
    if (attr->computed && !attr->optional) return true;
    if (path == Path::Root("id") && attr->computed && attr->optional) return true;
    if (attr->optional && v.type().kind() == TypeKind::kString && v.IsKnown() &&
        v.AsString().empty()) {
      return true;
    }
    return false;
  }
  if (const NestedBlock* block = schema.FindBlock(path)) {
    return block->block.deprecated || !block->block.deprecation_message.empty();
  }
  return false;
}

}  // namespace

GenerateResourceConfigResult Engine::GenerateResourceConfig(const std::string& type_name,
                                                            const RawValue& raw_state) {
  GenerateResourceConfigResult r;
  ResourceView view;
  if (!ViewResource(type_name, view, r.diagnostics)) return r;
  const Type& type = *view.type;
  absl::StatusOr<Value> state = Value::NullVal(type);
  if (!raw_state.msgpack.empty()) {
    state = DecodeMsgpack(raw_state.msgpack, type);
  } else if (!raw_state.json.empty()) {
    state = DecodeJsonValue(raw_state.json, type);
  }
  if (!state.ok()) {
    r.diagnostics.AddError("Invalid state received from Terraform",
                           std::string(state.status().message()));
    r.config = EncodeResult(Value::NullVal(type), type, r.diagnostics);
    return r;
  }
  if (state->IsNull()) {
    r.diagnostics.AddError("Unexpected Generate Config Request",
                           absl::StrCat("Terraform sent a null state to generate the "
                                        "configuration of ", type_name, " from."));
    r.config = EncodeResult(*state, type, r.diagnostics);
    return r;
  }
  const Schema& schema = *view.schema;
  absl::StatusOr<Value> defaults =
      state->Transform([&](const Path& p, const Value& v) -> absl::StatusOr<Value> {
        if (p.empty() || v.IsNull()) return v;
        return DropFromConfig(schema, p, v) ? Value::NullVal(v.type()) : v;
      });
  if (!defaults.ok()) {
    r.diagnostics.AddError("Generate Resource Config Error",
                           std::string(defaults.status().message()));
    r.config = EncodeResult(Value::NullVal(type), type, r.diagnostics);
    return r;
  }
  GenerateConfigRequest req;
  static_cast<CallContext&>(req) = Context();
  req.state = Attributes(view.schema, *state);
  GenerateConfigResponse resp;
  resp.config = Attributes(view.schema, *std::move(defaults));
  GuardAuthor(resp.diagnostics, "GenerateConfig of " + type_name,
              [&] { view.resource->GenerateConfig(req, resp); });
  r.diagnostics.Append(resp.diagnostics);
  Value config = resp.config.value();
  if (!r.diagnostics.HasError()) {
    if (absl::Status s = config.CheckConforms(type); !s.ok()) {
      r.diagnostics.AddError("Provider produced a value that does not match its schema",
                             absl::StrCat("The configuration generated for ", type_name, ": ",
                                          std::string(s.message())));
    } else if (!config.IsWhollyKnown()) {
      r.diagnostics.AddError("Provider produced an unknown value",
                             absl::StrCat("The configuration generated for ", type_name,
                                          " must be wholly known."));
    }
  }
  if (r.diagnostics.HasError()) config = Value::NullVal(type);
  r.config = EncodeResult(config, type, r.diagnostics);
  return r;
}

}  // namespace tfsdk::internal
