// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::IdentitySchema — resource identity (Terraform 1.12+): a small object, decided by
// the provider and stored beside the state, that names the one remote object a resource
// instance manages. Practitioners can import by identity instead of by ID:
//
//   import {
//     to       = example_thing.a
//     identity = { name = "web", region = "eu" }
//   }
//
// A resource declares its identity by overriding Resource::GetIdentitySchema:
//
//   std::optional<tfsdk::IdentitySchema> GetIdentitySchema() const override {
//     return tfsdk::IdentitySchema{
//         .version = 1,
//         .attributes = {tfsdk::IdentityAttribute::String("name").RequiredForImport(),
//                        tfsdk::IdentityAttribute::String("region").OptionalForImport()}};
//   }
//   void Create(const tfsdk::CreateRequest& req, tfsdk::CreateResponse& resp) override {
//     ...
//     resp.identity.Set("name", name);      // every CRUD request/response has `identity`
//     resp.identity.Set("region", region);
//   }
//
// What the engine enforces (as the Go terraform-plugin-framework does, plus what Terraform
// itself rejects): after Create, Read and Update the identity is set (not all null) and
// wholly known; an identity, once known, does not change in Read or Update unless the
// schema says `mutable_identity` (Update only); every identity value matches the
// schema's types. Identity values stored by an older `version` reach
// Resource::IdentityUpgraders (see resource.h), like state upgraders.
//
// Identity attribute types are the primitives (string, number, bool) and lists of them.
#ifndef TFSDK_IDENTITY_H_
#define TFSDK_IDENTITY_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tfsdk/diagnostics.h"
#include "tfsdk/schema.h"
#include "tfsdk/type.h"

namespace tfsdk {

// One attribute of an identity.
struct IdentityAttribute {
  // Lowercase letters, digits and underscores.
  std::string name = {};
  // String, Number, Bool, or a List of one of them.
  Type type = Type::String();
  // An `import { identity = {...} }` block must set it.
  bool required_for_import = false;
  // An `import { identity = {...} }` block may set it.
  bool optional_for_import = false;
  // Documentation shown by tooling.
  std::string description = {};

  static IdentityAttribute String(std::string name) {
    return Typed(std::move(name), Type::String());
  }
  static IdentityAttribute Number(std::string name) {
    return Typed(std::move(name), Type::Number());
  }
  static IdentityAttribute Bool(std::string name) { return Typed(std::move(name), Type::Bool()); }
  static IdentityAttribute List(std::string name, Type element) {
    return Typed(std::move(name), Type::List(std::move(element)));
  }
  static IdentityAttribute Typed(std::string name, Type type) {
    IdentityAttribute a;
    a.name = std::move(name);
    a.type = std::move(type);
    return a;
  }
  // Builders (each returns *this).
  IdentityAttribute& RequiredForImport() {
    required_for_import = true;
    return *this;
  }
  IdentityAttribute& OptionalForImport() {
    optional_for_import = true;
    return *this;
  }
  IdentityAttribute& Description(std::string text) {
    description = std::move(text);
    return *this;
  }
};

// The identity schema of a managed resource type.
struct IdentitySchema {
  // Bumped when the identity's shape changes; UpgradeResourceIdentity receives the stored
  // version (see Resource::IdentityUpgraders).
  int64_t version = 0;
  std::vector<IdentityAttribute> attributes = {};
  // When true, Update may return an identity different from the prior one (Go framework:
  // ResourceBehavior.MutableIdentity). Read never may: Terraform refuses an identity change
  // during refresh ("Provider produced different identity").
  bool mutable_identity = false;

  // The object type of identity values.
  Type ImpliedType() const;
  // The identity as an ordinary schema of Optional attributes, which is what the
  // `identity` Attributes of requests and responses use.
  Schema AsSchema() const;
  // Problems with the schema, one error per problem at the attribute's path: invalid or
  // duplicate names, a type that is not a primitive or a list of primitives, an attribute
  // both required and optional for import, no attributes at all.
  Diagnostics Validate() const;
};

}  // namespace tfsdk

#endif  // TFSDK_IDENTITY_H_
