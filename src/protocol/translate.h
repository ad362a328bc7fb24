// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Conversions between the engine's protocol-neutral structs (src/engine/engine.h, the
// public schema/diagnostics/path types) and the generated protobuf messages of tfplugin5
// and tfplugin6.
//
// The two protocols declare structurally identical messages in different packages
// (tfplugin5::Diagnostic and tfplugin6::Diagnostic have the same fields), so every
// conversion here is a template over the generated message type and is written once.
// Where the shapes differ (v6 nested attributes, v6-only client capabilities) the
// template asks the message type with a requires-expression.
//
// Pure translation: nothing here interprets values or decides behaviour.
#ifndef TFSDK_SRC_PROTOCOL_TRANSLATE_H_
#define TFSDK_SRC_PROTOCOL_TRANSLATE_H_

#include <algorithm>
#include <exception>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "src/engine/engine.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/function.h"
#include "tfsdk/path.h"
#include "tfsdk/schema.h"

namespace tfsdk::internal {

// The summary of the diagnostic that replaces an exception escaping an RPC handler.
inline constexpr char kInternalErrorSummary[] = "Internal error in provider";

// --- paths and diagnostics --------------------------------------------------------------

// Path -> AttributePath{steps: attribute_name=1 | element_key_string=2 | element_key_int=3}.
template <class PbAttributePath>
void PathToProto(const Path& path, PbAttributePath* out) {
  for (const PathStep& step : path.steps()) {
    auto* pb = out->add_steps();
    switch (step.kind) {
      case PathStep::Kind::kAttribute:
        pb->set_attribute_name(step.name);
        break;
      case PathStep::Kind::kStringKey:
        pb->set_element_key_string(step.name);
        break;
      case PathStep::Kind::kIntKey:
        pb->set_element_key_int(step.index);
        break;
    }
  }
}

template <class PbDiagnostic>
void DiagnosticToProto(const Diagnostic& d, PbDiagnostic* out) {
  out->set_severity(d.IsError() ? PbDiagnostic::ERROR : PbDiagnostic::WARNING);
  out->set_summary(d.summary);
  out->set_detail(d.detail);
  // An empty path means "the whole object"; Terraform shows such a diagnostic best
  // without an attribute, so none is sent.
  if (d.path.has_value() && !d.path->empty()) PathToProto(*d.path, out->mutable_attribute());
}

// Appends every diagnostic to a repeated Diagnostic field (e.g. resp->mutable_diagnostics()).
template <class PbRepeatedDiagnostics>
void AppendDiagnostics(const Diagnostics& diags, PbRepeatedDiagnostics* out) {
  for (const Diagnostic& d : diags) DiagnosticToProto(d, out->Add());
}

// --- values ---------------------------------------------------------------------------

template <class PbDynamicValue>
RawValue RawValueFromProto(const PbDynamicValue& in) {
  return RawValue{in.msgpack(), in.json()};
}

template <class PbDynamicValue>
void RawValueToProto(const RawValue& in, PbDynamicValue* out) {
  if (!in.msgpack.empty()) out->set_msgpack(in.msgpack);
  if (!in.json.empty()) out->set_json(in.json);
}

template <class PbRawState>
RawState RawStateFromProto(const PbRawState& in) {
  RawState out;
  out.json = in.json();
  out.flatmap.insert(in.flatmap().begin(), in.flatmap().end());
  return out;
}

// --- capabilities -----------------------------------------------------------------------

template <class PbClientCapabilities>
ClientCapabilities ClientCapabilitiesFromProto(const PbClientCapabilities& in) {
  ClientCapabilities out;
  out.deferral_allowed = in.deferral_allowed();
  out.write_only_attributes_allowed = in.write_only_attributes_allowed();
  // Protocol 6.11 only.
  if constexpr (requires { in.store_planned_private(); }) {
    out.store_planned_private = in.store_planned_private();
  }
  if constexpr (requires { in.computed_blocks_allowed(); }) {
    out.computed_blocks_allowed = in.computed_blocks_allowed();
  }
  return out;
}

template <class PbServerCapabilities>
void ServerCapabilitiesToProto(const ServerCapabilities& in, PbServerCapabilities* out) {
  out->set_plan_destroy(in.plan_destroy);
  out->set_get_provider_schema_optional(in.get_provider_schema_optional);
  out->set_move_resource_state(in.move_resource_state);
  out->set_generate_resource_config(in.generate_resource_config);
}

// --- schemas ----------------------------------------------------------------------------

namespace translate_detail {

// Terraform does not care about order, but a deterministic one keeps the response
// byte-stable between runs (and between the two protocol versions).
inline std::vector<const Attribute*> SortedByName(const std::vector<Attribute>& attributes) {
  std::vector<const Attribute*> out;
  out.reserve(attributes.size());
  for (const Attribute& a : attributes) out.push_back(&a);
  std::stable_sort(out.begin(), out.end(),
                   [](const Attribute* a, const Attribute* b) { return a->name < b->name; });
  return out;
}

inline std::vector<const NestedBlock*> SortedByName(const std::vector<NestedBlock>& blocks) {
  std::vector<const NestedBlock*> out;
  out.reserve(blocks.size());
  for (const NestedBlock& b : blocks) out.push_back(&b);
  std::stable_sort(out.begin(), out.end(), [](const NestedBlock* a, const NestedBlock* b) {
    return a->type_name < b->type_name;
  });
  return out;
}

}  // namespace translate_detail

template <class PbAttribute>
void AttributeToProto(const Attribute& a, PbAttribute* out) {
  out->set_name(a.name);
  out->set_description(a.description);
  out->set_description_kind(
      static_cast<decltype(out->description_kind())>(static_cast<int>(a.description_kind)));
  out->set_required(a.required);
  out->set_optional(a.optional);
  out->set_computed(a.computed);
  out->set_sensitive(a.sensitive);
  out->set_deprecated(a.deprecated);
  out->set_deprecation_message(a.deprecation_message);
  out->set_write_only(a.write_only);

  if (!a.IsNested()) {
    // The declared type, optional-attribute markers included (they are part of the
    // author's type constraint); an attribute without one is invalid and sent as dynamic.
    out->set_type(a.type.has_value() ? a.type->ToJson() : a.ImpliedType().ToJson());
    return;
  }
  if constexpr (requires { out->mutable_nested_type(); }) {
    // Protocol 6: nested attributes travel as Schema.Object, and `type` stays unset
    // (Terraform rejects an attribute that has both).
    auto* object = out->mutable_nested_type();
    for (const Attribute* child : translate_detail::SortedByName(a.nested->attributes)) {
      AttributeToProto(*child, object->add_attributes());
    }
    object->set_nesting(
        static_cast<decltype(object->nesting())>(static_cast<int>(a.nested->nesting)));
    // min_items/max_items are deprecated in the protocol (core never honoured them) but
    // still part of the message; send them when the author set them.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    if (a.nested->min_items != 0) object->set_min_items(a.nested->min_items);
    if (a.nested->max_items != 0) object->set_max_items(a.nested->max_items);
#pragma GCC diagnostic pop
  } else {
    // Protocol 5 has no nested attributes. LIMITATION: such an attribute is sent as a
    // plain attribute whose `type` is its implied type (object, list(object), ...).
    // Terraform then treats the whole value as one attribute: the per-attribute flags of
    // the nested attributes (required/optional/computed/sensitive/descriptions) are not
    // visible to it, and because an implied type carries no optional-attribute markers a
    // configuration must give every attribute of the object. (ConstraintType() would
    // relax that, but protocol 5 is mostly spoken by cores older than Terraform 1.3,
    // which cannot parse optional-attribute markers.) The value travels in the same shape
    // either way, so the engine needs no protocol-5 special case. Providers that rely on
    // nested attributes should be served over protocol 6.
    out->set_type(a.ImpliedType().ToJson());
  }
}

// `Source` is Schema (the root block) or Block (a nested block's content): both carry
// description, description_kind, attributes, blocks, deprecated, deprecation_message.
template <class Source, class PbBlock>
void BlockToProto(const Source& src, PbBlock* out);

template <class PbNestedBlock>
void NestedBlockToProto(const NestedBlock& nb, PbNestedBlock* out) {
  out->set_type_name(nb.type_name);
  BlockToProto(nb.block, out->mutable_block());
  out->set_nesting(static_cast<decltype(out->nesting())>(static_cast<int>(nb.nesting)));
  out->set_min_items(nb.min_items);
  out->set_max_items(nb.max_items);
}

template <class Source, class PbBlock>
void BlockToProto(const Source& src, PbBlock* out) {
  out->set_description(src.description);
  out->set_description_kind(
      static_cast<decltype(out->description_kind())>(static_cast<int>(src.description_kind)));
  out->set_deprecated(src.deprecated);
  out->set_deprecation_message(src.deprecation_message);
  for (const Attribute* a : translate_detail::SortedByName(src.attributes)) {
    AttributeToProto(*a, out->add_attributes());
  }
  for (const NestedBlock* b : translate_detail::SortedByName(src.blocks)) {
    NestedBlockToProto(*b, out->add_block_types());
  }
}

template <class PbSchema>
void SchemaToProto(const Schema& schema, PbSchema* out) {
  out->set_version(schema.version);
  BlockToProto(schema, out->mutable_block());
}

// Fills a map<string, Schema> field (e.g. resp->mutable_resource_schemas()).
template <class PbSchemaMap>
void SchemaMapToProto(const std::map<std::string, Schema>& schemas, PbSchemaMap* out) {
  for (const auto& [name, schema] : schemas) SchemaToProto(schema, &(*out)[name]);
}

// --- functions --------------------------------------------------------------------------

template <class PbParameter>
void FunctionParameterToProto(const FunctionParameter& p, PbParameter* out) {
  out->set_name(p.name);
  out->set_type(p.type.ToJson());
  out->set_allow_null_value(p.allow_null_value);
  out->set_allow_unknown_values(p.allow_unknown_values);
  out->set_description(p.description);
  out->set_description_kind(
      static_cast<decltype(out->description_kind())>(static_cast<int>(p.description_kind)));
}

template <class PbFunction>
void FunctionToProto(const FunctionDefinition& def, PbFunction* out) {
  for (const FunctionParameter& p : def.parameters) {
    FunctionParameterToProto(p, out->add_parameters());
  }
  if (def.variadic_parameter) {
    FunctionParameterToProto(*def.variadic_parameter, out->mutable_variadic_parameter());
  }
  out->mutable_return_()->set_type(def.return_type.ToJson());
  out->set_summary(def.summary);
  out->set_description(def.description);
  out->set_description_kind(
      static_cast<decltype(out->description_kind())>(static_cast<int>(def.description_kind)));
  out->set_deprecation_message(def.deprecation_message);
}

// Fills a map<string, Function> field (GetFunctions and GetProviderSchema).
template <class PbFunctionMap>
void FunctionMapToProto(const std::map<std::string, FunctionDefinition>& functions,
                        PbFunctionMap* out) {
  for (const auto& [name, def] : functions) FunctionToProto(def, &(*out)[name]);
}

// --- exception barrier ----------------------------------------------------------------

// Runs `body`. Whatever it throws is turned into a Diagnostics holding one error
// (summary kInternalErrorSummary, detail what()) handed to `report`, and the RPC still
// answers grpc::Status::OK: Terraform shows diagnostics, while a gRPC error would only
// say that the plugin failed. No exception ever leaves this function.
template <class Body, class Report>
grpc::Status Guarded(Body&& body, Report&& report) noexcept {
  std::string detail;
  try {
    body();
    return grpc::Status::OK;
  } catch (const std::exception& e) {
    detail = e.what();
  } catch (...) {
    detail = "The provider threw an exception that is not a std::exception.";
  }
  try {
    Diagnostics diags;
    diags.AddError(kInternalErrorSummary, detail);
    report(diags);
    return grpc::Status::OK;
  } catch (...) {
    // Reporting failed too (e.g. out of memory): the gRPC status is all that is left.
    return grpc::Status(grpc::StatusCode::INTERNAL,
                        std::string(kInternalErrorSummary) + ": " + detail);
  }
}

// Guarded() for unary RPCs whose response has a `diagnostics` field: on an exception the
// partly filled response is discarded and replaced by the error diagnostic alone.
template <class PbResponse, class Body>
grpc::Status GuardedUnary(PbResponse* resp, Body&& body) noexcept {
  return Guarded(std::forward<Body>(body), [resp](const Diagnostics& diags) {
    resp->Clear();
    AppendDiagnostics(diags, resp->mutable_diagnostics());
  });
}

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_PROTOCOL_TRANSLATE_H_
