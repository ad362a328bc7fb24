// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/type.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

namespace tfsdk {
namespace internal {

struct TypeRep {
  TypeKind kind = TypeKind::kDynamic;
  Type element{std::shared_ptr<const TypeRep>()};    // list, set, map (else empty)
  std::vector<std::pair<std::string, Type>> attrs;   // object, sorted by name
  std::set<std::string> optional;                    // object
  std::vector<Type> elements;                        // tuple
  size_t hash = 0;
  bool has_dynamic = false;

  static Type Make(std::shared_ptr<const TypeRep> rep) { return Type(std::move(rep)); }
};

}  // namespace internal

namespace {

using internal::TypeRep;

size_t Mix(size_t seed, size_t v) {
  // 64-bit mix (boost::hash_combine with a better constant).
  return seed ^ (v + 0x9e3779b97f4a7c15ULL + (seed << 12) + (seed >> 4));
}

// Primitive and Dynamic types are process-lifetime singletons. They are handed out as
// non-owning shared_ptrs (aliasing an empty owner), so copying one touches no reference
// count: every decoded string, number and bool copies its Type, and the atomic increments
// were a measurable share of msgpack decode time.
std::shared_ptr<const TypeRep> Primitive(TypeKind kind) {
  auto* rep = new TypeRep();  // never freed: lives as long as the process
  rep->kind = kind;
  rep->hash = Mix(0, static_cast<size_t>(kind));
  rep->has_dynamic = kind == TypeKind::kDynamic;
  return std::shared_ptr<const TypeRep>(std::shared_ptr<const TypeRep>(), rep);
}

const std::shared_ptr<const TypeRep>& DynamicRep() {
  static const auto* rep = new std::shared_ptr<const TypeRep>(Primitive(TypeKind::kDynamic));
  return *rep;
}

}  // namespace

Type::Type() : rep_(DynamicRep()) {}
Type::Type(std::shared_ptr<const internal::TypeRep> rep) : rep_(std::move(rep)) {}

Type Type::Bool() {
  static const auto* rep = new std::shared_ptr<const TypeRep>(Primitive(TypeKind::kBool));
  return Type(*rep);
}
Type Type::Number() {
  static const auto* rep = new std::shared_ptr<const TypeRep>(Primitive(TypeKind::kNumber));
  return Type(*rep);
}
Type Type::String() {
  static const auto* rep = new std::shared_ptr<const TypeRep>(Primitive(TypeKind::kString));
  return Type(*rep);
}
Type Type::Dynamic() { return Type(DynamicRep()); }

namespace {
Type Collection(TypeKind kind, Type element) {
  auto rep = std::make_shared<TypeRep>();
  rep->kind = kind;
  rep->hash = Mix(Mix(0, static_cast<size_t>(kind)), element.Hash());
  rep->has_dynamic = element.HasDynamic();
  rep->element = std::move(element);
  return TypeRep::Make(std::move(rep));
}
}  // namespace

Type Type::List(Type element) { return Collection(TypeKind::kList, std::move(element)); }
Type Type::Set(Type element) { return Collection(TypeKind::kSet, std::move(element)); }
Type Type::Map(Type element) { return Collection(TypeKind::kMap, std::move(element)); }

Type Type::Object(std::map<std::string, Type> attributes, std::set<std::string> optional) {
  auto rep = std::make_shared<TypeRep>();
  rep->kind = TypeKind::kObject;
  size_t h = Mix(0, static_cast<size_t>(TypeKind::kObject));
  rep->attrs.reserve(attributes.size());
  for (auto& [name, type] : attributes) {
    h = Mix(Mix(h, std::hash<std::string>()(name)), type.Hash());
    rep->has_dynamic = rep->has_dynamic || type.HasDynamic();
    rep->attrs.emplace_back(name, std::move(type));
  }
  for (auto& name : optional) {
    if (attributes.count(name)) {
      h = Mix(h, std::hash<std::string>()(name) * 31);
      rep->optional.insert(name);
    }
  }
  rep->hash = h;
  return Type(std::move(rep));
}

Type Type::Tuple(std::vector<Type> elements) {
  auto rep = std::make_shared<TypeRep>();
  rep->kind = TypeKind::kTuple;
  size_t h = Mix(0, static_cast<size_t>(TypeKind::kTuple));
  for (const auto& e : elements) {
    h = Mix(h, e.Hash());
    rep->has_dynamic = rep->has_dynamic || e.HasDynamic();
  }
  rep->hash = h;
  rep->elements = std::move(elements);
  return Type(std::move(rep));
}

TypeKind Type::kind() const { return rep_->kind; }

bool Type::IsPrimitive() const {
  auto k = kind();
  return k == TypeKind::kBool || k == TypeKind::kNumber || k == TypeKind::kString;
}

bool Type::IsCollection() const {
  auto k = kind();
  return k == TypeKind::kList || k == TypeKind::kSet || k == TypeKind::kMap;
}

const Type& Type::ElementType() const {
  if (!IsCollection()) throw std::logic_error("ElementType of " + FriendlyName());
  return rep_->element;
}

const std::vector<std::pair<std::string, Type>>& Type::AttributeTypes() const {
  if (!IsObject()) throw std::logic_error("AttributeTypes of " + FriendlyName());
  return rep_->attrs;
}

int Type::AttributeIndex(std::string_view name) const {
  if (!IsObject()) return -1;
  const auto& attrs = rep_->attrs;
  auto it = std::lower_bound(attrs.begin(), attrs.end(), name,
                             [](const auto& a, std::string_view n) { return a.first < n; });
  if (it == attrs.end() || it->first != name) return -1;
  return static_cast<int>(it - attrs.begin());
}

const Type& Type::AttributeType(std::string_view name) const {
  int i = AttributeIndex(name);
  if (i < 0) throw std::out_of_range("no attribute \"" + std::string(name) + "\" in " + ToJson());
  return rep_->attrs[i].second;
}

const std::set<std::string>& Type::OptionalAttributes() const {
  if (!IsObject()) throw std::logic_error("OptionalAttributes of " + FriendlyName());
  return rep_->optional;
}

const std::vector<Type>& Type::TupleElementTypes() const {
  if (!IsTuple()) throw std::logic_error("TupleElementTypes of " + FriendlyName());
  return rep_->elements;
}

bool Type::HasDynamic() const { return rep_->has_dynamic; }

Type Type::WithoutOptionalAttributes() const {
  switch (kind()) {
    case TypeKind::kList:
      return List(rep_->element.WithoutOptionalAttributes());
    case TypeKind::kSet:
      return Set(rep_->element.WithoutOptionalAttributes());
    case TypeKind::kMap:
      return Map(rep_->element.WithoutOptionalAttributes());
    case TypeKind::kObject: {
      std::map<std::string, Type> attrs;
      for (const auto& [n, t] : rep_->attrs) attrs.emplace(n, t.WithoutOptionalAttributes());
      return Object(std::move(attrs));
    }
    case TypeKind::kTuple: {
      std::vector<Type> elems;
      for (const auto& t : rep_->elements) elems.push_back(t.WithoutOptionalAttributes());
      return Tuple(std::move(elems));
    }
    default:
      return *this;
  }
}

bool Type::operator==(const Type& other) const {
  if (rep_ == other.rep_) return true;
  const TypeRep& a = *rep_;
  const TypeRep& b = *other.rep_;
  if (a.kind != b.kind || a.hash != b.hash) return false;
  switch (a.kind) {
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kMap:
      return a.element == b.element;
    case TypeKind::kObject:
      return a.attrs == b.attrs && a.optional == b.optional;
    case TypeKind::kTuple:
      return a.elements == b.elements;
    default:
      return true;
  }
}

size_t Type::Hash() const { return rep_->hash; }

std::string Type::FriendlyName() const {
  switch (kind()) {
    case TypeKind::kDynamic:
      return "dynamic";
    case TypeKind::kBool:
      return "bool";
    case TypeKind::kNumber:
      return "number";
    case TypeKind::kString:
      return "string";
    case TypeKind::kList:
      return "list of " + rep_->element.FriendlyName();
    case TypeKind::kSet:
      return "set of " + rep_->element.FriendlyName();
    case TypeKind::kMap:
      return "map of " + rep_->element.FriendlyName();
    case TypeKind::kObject:
      return "object";
    case TypeKind::kTuple:
      return "tuple";
  }
  return "invalid";
}

}  // namespace tfsdk
