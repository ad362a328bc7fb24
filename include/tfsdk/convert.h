// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Conversions between tfsdk::Value and plain C++ types, used by Attributes::Get<T> and
// Attributes::Set.
//
//   bool, std::string, int64_t (and other integers), double, Number, Value
//   std::optional<T>              null <-> std::nullopt
//   std::vector<T>                list, set or tuple
//   std::set<T>                   set, list or tuple (equal elements merge; needs operator<)
//   std::map<std::string, T>      map or object
//   tfsdk::Maybe<T>, models       see model.h (three-state fields, structs mapped to objects)
//
// FromValue throws ConversionError (a std::invalid_argument) when the value is unknown,
// null where T cannot hold null, of another type, or a number out of T's range; the
// engine turns that into an error diagnostic naming the path. To read a value that may be
// unknown, get a Value and test IsUnknown().
//
// Extend by specializing tfsdk::ValueTraits<T> with
//   static T From(const Value& v, const Path& where);
//   static Value To(const T& x, const Type& type);
// To has no path: a ConversionError it throws carries the path relative to the value being
// written, and each enclosing container or model prefixes its own step (see Within), so the
// caller sees the full path.
#ifndef TFSDK_CONVERT_H_
#define TFSDK_CONVERT_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "tfsdk/number.h"
#include "tfsdk/path.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk {

// Thrown by conversions; carries the path of the offending value.
class ConversionError : public std::invalid_argument {
 public:
  ConversionError(const Path& path, const std::string& message)
      : std::invalid_argument(path.empty() ? message : path.ToString() + ": " + message),
        path_(path),
        message_(message) {}
  const Path& path() const { return path_; }
  // The message without the path (what() is "path: message").
  const std::string& message() const { return message_; }
  // The same error one level up: at `prefix` followed by path().
  ConversionError Within(const Path& prefix) const {
    Path full = prefix;
    for (const PathStep& step : path_.steps()) full = full.Append(step);
    return ConversionError(full, message_);
  }

 private:
  Path path_;
  std::string message_;
};

template <class T, class Enable = void>
struct ValueTraits;  // specialize to add a type

namespace convert_internal {
inline void RequireKnown(const Value& v, const Path& where, const char* want) {
  if (v.IsUnknown()) {
    throw ConversionError(where, std::string("value is unknown; read it as tfsdk::Value to "
                                             "handle unknown values (wanted ") + want + ")");
  }
  if (v.IsNull()) {
    throw ConversionError(where, std::string("value is null; use std::optional to read a "
                                             "value that may be null (wanted ") + want + ")");
  }
}
inline void RequireKind(const Value& v, const Path& where, bool ok, const char* want) {
  RequireKnown(v, where, want);
  if (!ok) {
    throw ConversionError(where, std::string("cannot read ") + v.type().FriendlyName() +
                                     " as " + want);
  }
}
inline const Type& ElementTypeOr(const Type& t, const Type& fallback) {
  return t.IsCollection() ? t.ElementType() : fallback;
}
}  // namespace convert_internal

template <class T>
T FromValue(const Value& v, const Path& where = {}) {
  return ValueTraits<T>::From(v, where);
}

// `type` is the type of the slot being written (a schema attribute's type); it gives nulls
// and empty collections their type. Pass Type::Dynamic() when unknown.
template <class T>
Value ToValue(const T& x, const Type& type) {
  return ValueTraits<T>::To(x, type);
}

template <>
struct ValueTraits<Value> {
  static Value From(const Value& v, const Path&) { return v; }
  static Value To(const Value& x, const Type&) { return x; }
};

template <>
struct ValueTraits<bool> {
  static bool From(const Value& v, const Path& where) {
    convert_internal::RequireKind(v, where, v.type().kind() == TypeKind::kBool, "bool");
    return v.AsBool();
  }
  static Value To(bool x, const Type&) { return Value::BoolVal(x); }
};

template <>
struct ValueTraits<std::string> {
  static std::string From(const Value& v, const Path& where) {
    convert_internal::RequireKind(v, where, v.type().kind() == TypeKind::kString, "string");
    return v.AsString();
  }
  static Value To(const std::string& x, const Type&) { return Value::StringVal(x); }
};

template <>
struct ValueTraits<Number> {
  static Number From(const Value& v, const Path& where) {
    convert_internal::RequireKind(v, where, v.type().kind() == TypeKind::kNumber, "number");
    return v.AsNumber();
  }
  static Value To(const Number& x, const Type&) { return Value::NumberVal(x); }
};

template <class T>
struct ValueTraits<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  static T From(const Value& v, const Path& where) {
    convert_internal::RequireKind(v, where, v.type().kind() == TypeKind::kNumber, "integer");
    std::optional<int64_t> i = v.AsNumber().ToInt64();
    if (!i) {
      throw ConversionError(where, v.AsNumber().ToString() + " is not a whole number in range");
    }
    if constexpr (std::is_unsigned_v<T>) {
      if (*i < 0 || static_cast<uint64_t>(*i) > std::numeric_limits<T>::max()) {
        throw ConversionError(where, v.AsNumber().ToString() + " is out of range");
      }
    } else {
      if (*i < std::numeric_limits<T>::min() || *i > std::numeric_limits<T>::max()) {
        throw ConversionError(where, v.AsNumber().ToString() + " is out of range");
      }
    }
    return static_cast<T>(*i);
  }
  static Value To(T x, const Type&) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(int64_t)) {
      return Value::NumberVal(Number::FromUint64(x));
    } else {
      return Value::IntVal(static_cast<int64_t>(x));
    }
  }
};

template <class T>
struct ValueTraits<T, std::enable_if_t<std::is_floating_point_v<T>>> {
  static T From(const Value& v, const Path& where) {
    convert_internal::RequireKind(v, where, v.type().kind() == TypeKind::kNumber, "number");
    return static_cast<T>(v.AsNumber().ToDouble());
  }
  static Value To(T x, const Type&) {
    if (std::isnan(static_cast<double>(x))) {
      throw ConversionError({}, "NaN is not a number Terraform can represent");
    }
    return Value::FloatVal(static_cast<double>(x));
  }
};

template <class T>
struct ValueTraits<std::optional<T>> {
  static std::optional<T> From(const Value& v, const Path& where) {
    if (v.IsNull()) return std::nullopt;
    return ValueTraits<T>::From(v, where);
  }
  static Value To(const std::optional<T>& x, const Type& type) {
    if (!x) return Value::NullVal(type);
    return ValueTraits<T>::To(*x, type);
  }
};

template <class T>
struct ValueTraits<std::vector<T>> {
  static std::vector<T> From(const Value& v, const Path& where) {
    const Type& t = v.type();
    convert_internal::RequireKind(v, where, t.IsList() || t.IsSet() || t.IsTuple(),
                                  "list, set or tuple");
    std::vector<T> out;
    out.reserve(v.Length());
    int64_t i = 0;
    for (const auto& e : v.Elements()) out.push_back(ValueTraits<T>::From(e, where.Index(i++)));
    return out;
  }
  static Value To(const std::vector<T>& x, const Type& type) {
    const Type& elem = convert_internal::ElementTypeOr(type, Type::Dynamic());
    ValueList elems;
    elems.reserve(x.size());
    int64_t i = 0;
    for (const auto& e : x) {
      try {
        elems.push_back(ValueTraits<T>::To(e, elem));
      } catch (const ConversionError& err) {
        // A set element has no path step (path.h); a list or tuple element has its index.
        throw type.IsSet() ? err : err.Within(Path().Index(i));
      }
      ++i;
    }
    if (type.IsSet()) return Value::SetVal(elem, std::move(elems));
    if (type.IsTuple()) return Value::TupleVal(std::move(elems));
    return Value::ListVal(elem, std::move(elems));
  }
};

template <class T, class Compare, class Alloc>
struct ValueTraits<std::set<T, Compare, Alloc>> {
  static std::set<T, Compare, Alloc> From(const Value& v, const Path& where) {
    const Type& t = v.type();
    convert_internal::RequireKind(v, where, t.IsSet() || t.IsList() || t.IsTuple(),
                                  "set, list or tuple");
    std::set<T, Compare, Alloc> out;
    int64_t i = 0;
    for (const auto& e : v.Elements()) {
      // Paths into a set stop at the set (path.h); lists and tuples have indexes.
      out.insert(ValueTraits<T>::From(e, t.IsSet() ? where : where.Index(i)));
      ++i;
    }
    return out;
  }
  static Value To(const std::set<T, Compare, Alloc>& x, const Type& type) {
    const Type& elem = convert_internal::ElementTypeOr(type, Type::Dynamic());
    ValueList elems;
    elems.reserve(x.size());
    int64_t i = 0;
    for (const auto& e : x) {
      try {
        elems.push_back(ValueTraits<T>::To(e, elem));
      } catch (const ConversionError& err) {
        throw (type.IsList() || type.IsTuple()) ? err.Within(Path().Index(i)) : err;
      }
      ++i;
    }
    if (type.IsList()) return Value::ListVal(elem, std::move(elems));
    if (type.IsTuple()) return Value::TupleVal(std::move(elems));
    return Value::SetVal(elem, std::move(elems));
  }
};

template <class T>
struct ValueTraits<std::map<std::string, T>> {
  static std::map<std::string, T> From(const Value& v, const Path& where) {
    const Type& t = v.type();
    convert_internal::RequireKind(v, where, t.IsMap() || t.IsObject(), "map or object");
    std::map<std::string, T> out;
    if (t.IsMap()) {
      for (const auto& [k, e] : v.MapElements()) {
        out.emplace(k, ValueTraits<T>::From(e, where.Key(k)));
      }
    } else {
      const auto& attrs = t.AttributeTypes();
      for (size_t i = 0; i < attrs.size(); ++i) {
        out.emplace(attrs[i].first,
                    ValueTraits<T>::From(v.Elements()[i], where.Attr(attrs[i].first)));
      }
    }
    return out;
  }
  static Value To(const std::map<std::string, T>& x, const Type& type) {
    if (type.IsObject()) {
      std::map<std::string, Value> attrs;
      for (const auto& [k, e] : x) {
        const Type& at = type.HasAttribute(k) ? type.AttributeType(k) : Type::Dynamic();
        try {
          attrs.emplace(k, ValueTraits<T>::To(e, at));
        } catch (const ConversionError& err) {
          throw err.Within(Path().Attr(k));
        }
      }
      return Value::ObjectVal(type, std::move(attrs));
    }
    const Type& elem = convert_internal::ElementTypeOr(type, Type::Dynamic());
    std::map<std::string, Value> elems;
    for (const auto& [k, e] : x) {
      try {
        elems.emplace(k, ValueTraits<T>::To(e, elem));
      } catch (const ConversionError& err) {
        throw err.Within(Path().Key(k));
      }
    }
    return Value::MapVal(elem, std::move(elems));
  }
};

}  // namespace tfsdk

#endif  // TFSDK_CONVERT_H_
