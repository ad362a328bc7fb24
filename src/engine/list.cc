// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/engine/list.h"

#include <exception>
#include <functional>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "src/engine/identity.h"
#include "src/engine/validate.h"
#include "src/log/log_internal.h"
#include "src/value/json_codec.h"
#include "src/value/msgpack_codec.h"
#include "tfsdk/convert.h"

namespace tfsdk::internal {
namespace {

bool DecodeConfig(const RawValue& raw, const Type& type, Value& out, Diagnostics& diags) {
  absl::StatusOr<Value> v = !raw.msgpack.empty() ? DecodeMsgpack(raw.msgpack, type)
                            : !raw.json.empty()  ? DecodeJsonValue(raw.json, type)
                                                 : absl::StatusOr<Value>(Value::NullVal(type));
  if (!v.ok()) {
    diags.AddError("Invalid list resource configuration received from Terraform",
                   std::string(v.status().message()));
    return false;
  }
  out = *std::move(v);
  return true;
}

// The resource object of a result before List fills it: every attribute null.
Value NullAttributes(const Type& type) {
  std::map<std::string, Value> attrs;
  for (const auto& [name, t] : type.AttributeTypes()) attrs.emplace(name, Value::NullVal(t));
  return Value::ObjectVal(type, std::move(attrs));
}

}  // namespace

void Engine::LoadListResources() {
  for (const auto& l : provider_.list_resources()) {
    auto entry = std::make_unique<ListEntry>();
    entry->list = l.get();
    std::string name;
    Diagnostics diags;
    GuardAuthorCall(diags, "list resource schema", [&] {
      name = l->TypeName();
      entry->schema = l->GetSchema();
      entry->config_validators = l->ConfigValidators();
    });
    schema_diagnostics_.Append(diags);
    for (const Diagnostic& d : entry->schema.Validate()) {
      Diagnostic copy = d;
      copy.summary = absl::StrCat("list resource ", name, ": ", d.summary);
      schema_diagnostics_.Add(std::move(copy));
    }
    entry->type = entry->schema.ImpliedType();
    const Resource* resource = nullptr;
    for (const auto& r : provider_.resources()) {
      GuardAuthorCall(diags, "resource schema", [&] {
        if (r->TypeName() == name) resource = r.get();
      });
    }
    if (resource == nullptr) {
      schema_diagnostics_.AddError(
          absl::StrCat("list resource ", name, ": no managed resource of that type"),
          "A list resource lists objects of a managed resource type of the same name; add "
          "the resource with Provider::AddResource.");
    } else {
      GuardAuthorCall(schema_diagnostics_, "resource schema",
                [&] { entry->resource_schema = resource->GetSchema(); });
      if (FindIdentity(name) == nullptr) {
        schema_diagnostics_.AddError(
            absl::StrCat("list resource ", name, ": the resource has no identity schema"),
            "Every list result carries the object's identity; give the resource an identity "
            "schema (Resource::GetIdentitySchema).");
      }
    }
    entry->resource_type = entry->resource_schema.ImpliedType();
    entry->resource_plan = std::make_unique<PlanSchema>(entry->resource_schema);
    if (lists_.count(name)) {
      schema_diagnostics_.AddError(absl::StrCat("Duplicate list resource type \"", name, "\""));
    }
    lists_[name] = std::move(entry);
  }
}

void Engine::AddListResourceNames(MetadataResult& r) const {
  for (const auto& [name, e] : lists_) r.list_resources.push_back(name);
}

void Engine::AddListResourceSchemas(ProviderSchemaResult& r) const {
  for (const auto& [name, e] : lists_) r.list_resources.emplace(name, e->schema);
}

Diagnostics Engine::ValidateListResourceConfig(const std::string& type_name,
                                               const RawValue& config) {
  Diagnostics diags;
  auto it = lists_.find(type_name);
  if (it == lists_.end()) {
    diags.Append(Unsupported("list resource", type_name));
    return diags;
  }
  const ListEntry& e = *it->second;
  Value v;
  if (!DecodeConfig(config, e.type, v, diags)) return diags;
  tfsdk::ListResource* list = e.list;
  diags.Append(ValidateConfiguration(
      e.schema, v, e.config_validators,
      [list](const ValidateConfigRequest& req, ValidateConfigResponse& resp) {
        list->ValidateConfig(req, resp);
      },
      absl::StrCat("list resource \"", type_name, "\"")));
  return diags;
}

void Engine::ListResource(const ListResourceRequest& in,
                          const std::function<bool(ListResourceEvent)>& emit) {
  auto fail = [&](Diagnostics diags) {
    ListResourceEvent event;
    event.diagnostics = std::move(diags);
    emit(std::move(event));
  };
  auto it = lists_.find(in.type_name);
  if (it == lists_.end()) return fail(Unsupported("list resource", in.type_name));
  const ListEntry& e = *it->second;
  const IdentityInfo* identity_info = FindIdentity(in.type_name);
  if (identity_info == nullptr) return fail(Unsupported("resource identity", in.type_name));
  Diagnostics diags;
  Value config;
  if (!DecodeConfig(in.config, e.type, config, diags)) return fail(diags);
  if (!config.IsWhollyKnown()) {
    diags.AddError("Unknown list resource configuration",
                   absl::StrCat("The configuration of list \"", in.type_name,
                                "\" has values that are not known yet."));
    return fail(diags);
  }

  ListRequest req;
  static_cast<CallContext&>(req) = Context();
  req.config = Attributes(&e.schema, config);
  req.include_resource = in.include_resource_object;
  req.limit = in.limit;
  int64_t sent = 0;
  bool open = true;  // false once the limit is reached or the client is gone
  auto make = [&] {
    ListResult r;
    r.identity = Attributes(&identity_info->schema,
                            SettableIdentity(*identity_info, Value::NullVal(identity_info->type)));
    r.resource = Attributes(&e.resource_schema, NullAttributes(e.resource_type));
    return r;
  };
  auto send = [&](ListResult result) {
    if (!open) return false;
    ListResourceEvent event;
    event.display_name = result.display_name;
    event.diagnostics = result.diagnostics;
    if (!event.diagnostics.HasError()) {
      const std::string what = absl::StrCat("result \"", result.display_name, "\" of list ",
                                            in.type_name);
      Value identity = result.identity.value();
      if (absl::Status s = identity.CheckConforms(identity_info->type); !s.ok()) {
        event.diagnostics.AddError("Invalid list result identity",
                                   absl::StrCat("The identity of ", what,
                                                " does not match the identity schema: ",
                                                std::string(s.message())));
      } else if (IsEmptyIdentity(identity) || !identity.IsWhollyKnown()) {
        event.diagnostics.AddError(
            "Invalid list result identity",
            absl::StrCat("The identity of ", what,
                         " is not set or not wholly known; every result needs one."));
      }
      Value object;
      if (in.include_resource_object && !event.diagnostics.HasError()) {
        object = result.resource.value();
        if (absl::Status s = object.CheckConforms(e.resource_type); !s.ok()) {
          event.diagnostics.AddError("Invalid list result resource object",
                                     absl::StrCat("The resource object of ", what,
                                                  " does not match the resource schema: ",
                                                  std::string(s.message())));
        } else if (object.IsNull() || !object.IsWhollyKnown()) {
          event.diagnostics.AddError(
              "Invalid list result resource object",
              absl::StrCat("The resource object of ", what,
                           " is null or not wholly known; include_resource asks for it."));
        } else {
          object = NullWriteOnly(*e.resource_plan, object);
        }
      }
      if (!event.diagnostics.HasError()) {
        event.identity = EncodeIdentity(*identity_info, identity, event.diagnostics);
        if (in.include_resource_object) {
          absl::StatusOr<std::string> bytes = EncodeMsgpack(object, e.resource_type);
          if (bytes.ok()) {
            event.resource_object = RawValue{*std::move(bytes), {}};
          } else {
            event.diagnostics.AddError("Invalid list result resource object",
                                       std::string(bytes.status().message()));
          }
        }
      }
    }
    if (event.diagnostics.HasError()) {
      // Only the diagnostics: Terraform must not see half a result.
      event.identity.reset();
      event.resource_object.reset();
    }
    if (!emit(std::move(event))) {
      open = false;
      return false;
    }
    ++sent;
    if (in.limit > 0 && sent >= in.limit) open = false;
    return open;
  };
  ListResultStream stream(make, send);
  Diagnostics callback_diags;
  GuardAuthorCall(callback_diags, "List of " + in.type_name, [&] { e.list->List(req, stream); });
  if (!callback_diags.empty() && open) fail(callback_diags);
}

}  // namespace tfsdk::internal
