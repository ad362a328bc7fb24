// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Unchecked constructors and raw access for the codecs, which validate types while they
// decode and must not pay for a second validation pass.
#ifndef TFSDK_SRC_VALUE_VALUE_INTERNAL_H_
#define TFSDK_SRC_VALUE_VALUE_INTERNAL_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <utility>

#include "tfsdk/value.h"

namespace tfsdk {

// The payloads of known collections and structures (see Value::Rep).
struct Value::ListNode final : Value::Node {
  ListNode(Type t, ValueList e) : Node(std::move(t)), elements(std::move(e)) {}
  ValueList elements;
};

struct Value::MapNode final : Value::Node {
  MapNode(Type t, ValueMap e) : Node(std::move(t)), elements(std::move(e)) {}
  ValueMap elements;
};

namespace internal {

struct ValueAccess {
  // REQUIRES: type is a list or tuple type (tuple: one element per element type), or an
  // object type with one element per attribute in Type::AttributeTypes() order, and every
  // element conforms. No check is made.
  static Value KnownSequence(Type type, ValueList elements) {
    auto* node = new Value::ListNode(std::move(type), std::move(elements));
    Value v(Value::Rep::kList);
    v.u_.node = node;
    return v;
  }
  // REQUIRES: type is a set type and every element conforms. Duplicates are merged here.
  static Value KnownSet(Type type, ValueList elements);
  // REQUIRES: type is a map type, elements sorted by key with unique keys, each conforming.
  static Value KnownMap(Type type, ValueMap elements) {
    auto* node = new Value::MapNode(std::move(type), std::move(elements));
    Value v(Value::Rep::kMap);
    v.u_.node = node;
    return v;
  }
  static Value KnownBool(bool b) {
    Value v(Value::Rep::kBool);
    v.u_.boolean = b;
    return v;
  }
  static Value KnownNumber(Number n) {
    Value v(Value::Rep::kNumber);
    new (&v.u_.number) Number(std::move(n));
    return v;
  }
  static Value KnownString(std::string s) {
    Value v(Value::Rep::kString);
    new (&v.u_.string) std::string(std::move(s));
    return v;
  }
  // In-place construction for decoders, which fill vectors of placeholders: `slot` must
  // be a Placeholder() (it holds nothing to destroy) and becomes the given value.
  static Value Placeholder() { return KnownBool(false); }
  static void SetBool(Value* slot, bool b) { slot->u_.boolean = b; }
  static void SetNumber(Value* slot, Number n) {
    new (&slot->u_.number) Number(std::move(n));
    slot->rep_ = Value::Rep::kNumber;
  }
  static void SetInt(Value* slot, int64_t i) {
    new (&slot->u_.number) Number(Number::FromInt64(i));
    slot->rep_ = Value::Rep::kNumber;
  }
  static void SetString(Value* slot, const char* data, size_t size) {
    new (&slot->u_.string) std::string(data, size);
    slot->rep_ = Value::Rep::kString;
  }
  static void SetSequence(Value* slot, Type type, ValueList elements) {
    slot->u_.node = new Value::ListNode(std::move(type), std::move(elements));
    slot->rep_ = Value::Rep::kList;
  }

  // The kind of the value's type; known primitives answer without a Type lookup.
  static TypeKind KindOf(const Value& v) {
    switch (v.rep_) {
      case Value::Rep::kBool:
        return TypeKind::kBool;
      case Value::Rep::kNumber:
        return TypeKind::kNumber;
      case Value::Rep::kString:
        return TypeKind::kString;
      default:
        return v.type().kind();
    }
  }
  // REQUIRES: a known bool, number or string respectively.
  static bool BoolOf(const Value& v) { return v.u_.boolean; }
  static const Number& NumberOf(const Value& v) { return v.u_.number; }
  static const std::string& StringOf(const Value& v) { return v.u_.string; }

  // The elements of a known list, set, tuple or object, or nullptr for any other value.
  static const ValueList* List(const Value& v) {
    return v.rep_ == Value::Rep::kList ? &static_cast<const Value::ListNode*>(v.u_.node)->elements
                                       : nullptr;
  }
  // The elements of a known map, or nullptr for any other value.
  static const ValueMap* Map(const Value& v) {
    return v.rep_ == Value::Rep::kMap ? &static_cast<const Value::MapNode*>(v.u_.node)->elements
                                      : nullptr;
  }

  // A known string, built in place from `size` bytes at `data`.
  static Value KnownString(const char* data, size_t size) {
    Value v(Value::Rep::kBool);  // until the string exists: the copy may throw
    new (&v.u_.string) std::string(data, size);
    v.rep_ = Value::Rep::kString;
    return v;
  }
};

}  // namespace internal
}  // namespace tfsdk

#endif  // TFSDK_SRC_VALUE_VALUE_INTERNAL_H_
