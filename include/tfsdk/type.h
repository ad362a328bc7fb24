// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// tfsdk::Type — the cty type system that Terraform and OpenTofu use for every value that
// crosses the plugin protocol.
//
// A Type is one of:
//   primitive:  Bool, Number, String
//   collection: List(T), Set(T), Map(T)      — every element has the same type T
//   structural: Object({name: T, ...}),      — fixed attribute names, each with its own type;
//               Tuple({T0, T1, ...})            objects may mark attributes optional (a type
//                                               constraint used in schemas, not in values)
//   Dynamic:    "any type"; a value in a dynamic slot carries its concrete type on the wire.
//
// Types are immutable and cheap to copy (one shared, reference-counted representation).
// Equality is structural. All methods are thread-safe.
//
//   tfsdk::Type t = tfsdk::Type::List(tfsdk::Type::Object({{"name", tfsdk::Type::String()}}));
//   t.ToJson();   // ["list",["object",{"name":"string"}]]
#ifndef TFSDK_TYPE_H_
#define TFSDK_TYPE_H_

#include <cstddef>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace tfsdk {

// The kind of a Type.
enum class TypeKind {
  kDynamic = 0,
  kBool,
  kNumber,
  kString,
  kList,
  kSet,
  kMap,
  kObject,
  kTuple,
};

namespace internal {
struct TypeRep;
}  // namespace internal

class Type {
 public:
  // The default Type is Dynamic.
  Type();

  static Type Bool();
  static Type Number();
  static Type String();
  static Type Dynamic();
  static Type List(Type element);
  static Type Set(Type element);
  static Type Map(Type element);
  // An object type. `optional` names attributes that may be omitted in a type constraint
  // (every name in it must be an attribute; unknown names are ignored).
  static Type Object(std::map<std::string, Type> attributes,
                     std::set<std::string> optional = {});
  static Type Tuple(std::vector<Type> elements);

  TypeKind kind() const;
  bool IsDynamic() const { return kind() == TypeKind::kDynamic; }
  bool IsPrimitive() const;
  bool IsCollection() const;  // list, set or map
  bool IsList() const { return kind() == TypeKind::kList; }
  bool IsSet() const { return kind() == TypeKind::kSet; }
  bool IsMap() const { return kind() == TypeKind::kMap; }
  bool IsObject() const { return kind() == TypeKind::kObject; }
  bool IsTuple() const { return kind() == TypeKind::kTuple; }

  // REQUIRES: IsCollection().
  const Type& ElementType() const;

  // Object attributes, sorted by name. REQUIRES: IsObject().
  // Attribute values of an object Value are stored in this same order (see value.h).
  const std::vector<std::pair<std::string, Type>>& AttributeTypes() const;
  // Index of `name` in AttributeTypes(), or -1. O(log n). REQUIRES: IsObject().
  int AttributeIndex(std::string_view name) const;
  bool HasAttribute(std::string_view name) const { return AttributeIndex(name) >= 0; }
  // REQUIRES: HasAttribute(name).
  const Type& AttributeType(std::string_view name) const;
  // Optional attribute names (type constraints only). REQUIRES: IsObject().
  const std::set<std::string>& OptionalAttributes() const;

  // REQUIRES: IsTuple().
  const std::vector<Type>& TupleElementTypes() const;

  // True if this type is Dynamic or contains Dynamic anywhere inside.
  bool HasDynamic() const;

  // The same type with every optional-attribute marker removed (recursively).
  Type WithoutOptionalAttributes() const;

  // Structural equality (optional-attribute markers included).
  bool operator==(const Type& other) const;
  bool operator!=(const Type& other) const { return !(*this == other); }

  // A hash consistent with operator==.
  size_t Hash() const;

  // "string", "list of number", "object", "map of list of string", ... as Terraform
  // writes type names in its messages.
  std::string FriendlyName() const;

  // The JSON type encoding Terraform uses in schemas and dynamic values:
  // "string", ["list","number"], ["object",{"a":"bool"},["a"]], ["tuple",["string"]], ...
  std::string ToJson() const;
  // Parses the JSON type encoding; an error names what is wrong and where.
  static absl::StatusOr<Type> FromJson(std::string_view json);

 private:
  explicit Type(std::shared_ptr<const internal::TypeRep> rep);
  std::shared_ptr<const internal::TypeRep> rep_;
  friend struct internal::TypeRep;
};

}  // namespace tfsdk

#endif  // TFSDK_TYPE_H_
