// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Unchecked constructors and raw access for the codecs, which validate types while they
// decode and must not pay for a second validation pass.
#ifndef TFSDK_SRC_VALUE_VALUE_INTERNAL_H_
#define TFSDK_SRC_VALUE_VALUE_INTERNAL_H_

#include <memory>
#include <utility>

#include "tfsdk/value.h"

namespace tfsdk::internal {

struct ValueAccess {
  // REQUIRES: type is a list or tuple type (tuple: one element per element type), or an
  // object type with one element per attribute in Type::AttributeTypes() order, and every
  // element conforms. No check is made.
  static Value KnownSequence(Type type, ValueList elements) {
    return Value(std::move(type), Value::State::kKnown,
                 std::make_shared<const ValueList>(std::move(elements)));
  }
  // REQUIRES: type is a set type and every element conforms. Duplicates are merged here.
  static Value KnownSet(Type type, ValueList elements);
  // REQUIRES: type is a map type, elements sorted by key with unique keys, each conforming.
  static Value KnownMap(Type type, ValueMap elements) {
    return Value(std::move(type), Value::State::kKnown,
                 std::make_shared<const ValueMap>(std::move(elements)));
  }
  static Value KnownBool(bool b) { return Value(Type::Bool(), Value::State::kKnown, b); }
  static Value KnownNumber(Number n) {
    return Value(Type::Number(), Value::State::kKnown, std::move(n));
  }
  static Value KnownString(std::string s) {
    return Value(Type::String(), Value::State::kKnown, std::move(s));
  }
};

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_VALUE_VALUE_INTERNAL_H_
