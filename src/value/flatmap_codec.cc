// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "src/value/flatmap_codec.h"

#include <cstddef>
#include <exception>
#include <set>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "tfsdk/number.h"

namespace tfsdk::internal {
namespace {

using Flatmap = std::map<std::string, std::string>;

// A count may ask for more elements than there are keys (an element whose values are all
// null writes no keys), but not many more: the counts of one flatmap together may create at
// most its number of entries plus this many elements, so a corrupt count such as
// "ports.#" = "999999999" costs an error, not the memory for a billion nulls.
constexpr size_t kSpareElements = size_t{1} << 16;

// The key of `segment` inside the value at `key` ("" is the root object).
std::string Child(const std::string& key, std::string_view segment) {
  if (key.empty()) return std::string(segment);
  return absl::StrCat(key, ".", std::string(segment));
}

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

absl::Status KeyError(const std::string& key, std::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("flatmap key \"", absl::CHexEscape(key), "\": ", std::string(message)));
}

std::string Quote(const std::string& text) {
  return absl::StrCat("\"", absl::CHexEscape(text), "\"");
}

// Decimal digits only; at most 9 of them (a billion elements is corrupt anyway).
bool ParseDigits(std::string_view text, size_t* out) {
  if (text.empty() || text.size() > 9) return false;
  size_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  *out = n;
  return true;
}

// A list index as legacy Terraform wrote it: "0", "1", ... without leading zeros.
bool ParseIndex(std::string_view text, size_t* out) {
  if (text.size() > 1 && text[0] == '0') return false;
  return ParseDigits(text, out);
}

// The value a set element has when its count says it exists but it wrote no keys.
Value EmptyElement(const Type& type) {
  switch (type.kind()) {
    case TypeKind::kList:
      return Value::ListVal(type.ElementType(), {});
    case TypeKind::kSet:
      return Value::SetVal(type.ElementType(), {});
    case TypeKind::kMap:
      return Value::MapVal(type.ElementType(), {});
    case TypeKind::kObject:
      return Value::ObjectVal(type, {});
    default:
      return Value::NullVal(type);
  }
}

class Decoder {
 public:
  explicit Decoder(const Flatmap& flat) : flat_(flat), budget_(flat.size() + kSpareElements) {}

  // Decodes the value at `key` (its own key for a primitive, the prefix of its nested keys
  // otherwise). `element` is true for the root and for list and set elements, which exist
  // even when no key is under them.
  absl::StatusOr<Value> Decode(const std::string& key, const Type& type, bool element) {
    switch (type.kind()) {
      case TypeKind::kBool:
      case TypeKind::kNumber:
      case TypeKind::kString:
        return Primitive(key, type);
      case TypeKind::kDynamic:
        return Dynamic(key);
      case TypeKind::kList:
      case TypeKind::kSet:
      case TypeKind::kTuple:
        return Sequence(key, type);
      case TypeKind::kMap:
        return Map(key, type);
      case TypeKind::kObject:
        return Object(key, type, element);
    }
    return KeyError(key, "unsupported type " + type.FriendlyName());
  }

 private:
  const std::string* Find(const std::string& key) const {
    auto it = flat_.find(key);
    return it == flat_.end() ? nullptr : &it->second;
  }
  bool IsUnknown(const std::string& key) const {
    const std::string* v = Find(key);
    return v != nullptr && *v == kFlatmapUnknown;
  }
  // The first key that starts with `prefix`, or end().
  Flatmap::const_iterator FirstUnder(const std::string& prefix) const {
    auto it = flat_.lower_bound(prefix);
    return it != flat_.end() && StartsWith(it->first, prefix) ? it : flat_.end();
  }
  // The distinct first segments of the keys under `prefix` (which ends with a dot), in
  // order, leaving out the collection's own count key `count_segment` ("#" or "%").
  std::set<std::string> Segments(const std::string& prefix,
                                 std::string_view count_segment) const {
    std::set<std::string> segments;
    for (auto it = FirstUnder(prefix); it != flat_.end() && StartsWith(it->first, prefix);
         ++it) {
      std::string_view rest = std::string_view(it->first).substr(prefix.size());
      if (rest == count_segment) continue;
      segments.emplace(rest.substr(0, rest.find('.')));
    }
    return segments;
  }

  // Parses the text of a count key (present, and not the unknown sentinel) and charges it
  // to the element budget.
  absl::StatusOr<size_t> Count(const std::string& count_key, const std::string& text) {
    size_t n = 0;
    if (!ParseDigits(text, &n)) {
      return KeyError(count_key, absl::StrCat(Quote(text), " is not a count"));
    }
    if (n > budget_) {
      return KeyError(count_key,
                      absl::StrCat("count ", n, " is larger than this state can describe"));
    }
    budget_ -= n;
    return n;
  }

  absl::StatusOr<Value> Primitive(const std::string& key, const Type& type) {
    const std::string* raw = Find(key);
    if (raw == nullptr) return Value::NullVal(type);
    if (*raw == kFlatmapUnknown) return Value::UnknownVal(type);
    switch (type.kind()) {
      case TypeKind::kString:
        return Value::StringVal(*raw);
      case TypeKind::kNumber: {
        absl::StatusOr<Number> n = Number::Parse(*raw);
        if (!n.ok()) return KeyError(key, absl::StrCat(Quote(*raw), " is not a number"));
        return Value::NumberVal(*std::move(n));
      }
      default:  // bool
        if (*raw == "true" || *raw == "1") return Value::BoolVal(true);
        if (*raw == "false" || *raw == "0") return Value::BoolVal(false);
        return KeyError(key, absl::StrCat(Quote(*raw), " is not a bool (true or false)"));
    }
  }

  // Legacy Terraform had no dynamic type; a value found under the key can only be text.
  absl::StatusOr<Value> Dynamic(const std::string& key) {
    const std::string* raw = Find(key);
    if (raw != nullptr) {
      if (*raw == kFlatmapUnknown) return Value::UnknownVal(Type::Dynamic());
      return Value::StringVal(*raw);
    }
    auto nested = FirstUnder(key + ".");
    if (nested != flat_.end()) {
      return KeyError(nested->first,
                      "a structured value of dynamic type cannot be read from a flatmap");
    }
    return Value::NullVal(Type::Dynamic());
  }

  // Lists, sets and tuples: "key.#" = count, elements under "key.<index or hash>".
  absl::StatusOr<Value> Sequence(const std::string& key, const Type& type) {
    if (IsUnknown(key)) return Value::UnknownVal(type);
    const std::string count_key = key + ".#";
    const std::string* count_text = Find(count_key);
    if (count_text == nullptr) return Value::NullVal(type);
    if (*count_text == kFlatmapUnknown) return Value::UnknownVal(type);
    absl::StatusOr<size_t> count = Count(count_key, *count_text);
    if (!count.ok()) return count.status();
    const std::set<std::string> segments = Segments(key + ".", "#");

    if (type.IsSet()) {
      const Type& element_type = type.ElementType();
      ValueList elements;
      if (segments.empty() && *count == 1) {
        elements.push_back(EmptyElement(element_type));
      } else if (segments.size() != *count) {
        return KeyError(count_key, absl::StrCat("the set's count is ", *count, " but ",
                                                segments.size(), " element(s) follow"));
      } else {
        elements.reserve(segments.size());
        for (const std::string& segment : segments) {
          absl::StatusOr<Value> e = Decode(Child(key, segment), element_type, true);
          if (!e.ok()) return e.status();
          elements.push_back(*std::move(e));
        }
      }
      return Value::SetVal(element_type, std::move(elements));
    }

    // Lists and tuples: every key must address an index below the count.
    for (const std::string& segment : segments) {
      size_t index = 0;
      if (!ParseIndex(segment, &index)) {
        return KeyError(Child(key, segment), "not a list index (0, 1, ...)");
      }
      if (index >= *count) {
        return KeyError(Child(key, segment),
                        absl::StrCat("index out of range: ", Quote(count_key), " is ", *count));
      }
    }
    if (type.IsTuple() && *count != type.TupleElementTypes().size()) {
      return KeyError(count_key, absl::StrCat("a tuple of ", type.TupleElementTypes().size(),
                                              " elements, but the count is ", *count));
    }
    ValueList elements;
    elements.reserve(*count);
    for (size_t i = 0; i < *count; ++i) {
      const Type& element_type =
          type.IsTuple() ? type.TupleElementTypes()[i] : type.ElementType();
      absl::StatusOr<Value> e = Decode(Child(key, std::to_string(i)), element_type, true);
      if (!e.ok()) return e.status();
      elements.push_back(*std::move(e));
    }
    if (type.IsTuple()) return Value::TupleVal(std::move(elements));
    return Value::ListVal(type.ElementType(), std::move(elements));
  }

  // Maps: "key.%" = count, elements under "key.<map key>".
  absl::StatusOr<Value> Map(const std::string& key, const Type& type) {
    if (IsUnknown(key)) return Value::UnknownVal(type);
    const std::string count_key = key + ".%";
    const std::string* count_text = Find(count_key);
    if (count_text == nullptr) return Value::NullVal(type);
    if (*count_text == kFlatmapUnknown) return Value::UnknownVal(type);
    absl::StatusOr<size_t> count = Count(count_key, *count_text);
    if (!count.ok()) return count.status();
    const Type& element_type = type.ElementType();
    const std::string prefix = key + ".";
    std::map<std::string, Value> elements;
    if (element_type.IsPrimitive() || element_type.IsDynamic()) {
      // One key per element, so everything after the prefix is the map key, dots and all.
      for (auto it = FirstUnder(prefix); it != flat_.end() && StartsWith(it->first, prefix);
           ++it) {
        std::string map_key = it->first.substr(prefix.size());
        if (map_key == "%") continue;
        absl::StatusOr<Value> e = Decode(it->first, element_type, true);
        if (!e.ok()) return e.status();
        elements.emplace(std::move(map_key), *std::move(e));
      }
    } else {
      for (const std::string& segment : Segments(prefix, "%")) {
        absl::StatusOr<Value> e = Decode(Child(key, segment), element_type, true);
        if (!e.ok()) return e.status();
        elements.emplace(segment, *std::move(e));
      }
    }
    if (elements.size() != *count) {
      return KeyError(count_key, absl::StrCat("the map's count is ", *count, " but ",
                                              elements.size(), " element(s) follow"));
    }
    return Value::MapVal(element_type, std::move(elements));
  }

  // Objects have no count: each attribute is read under "key.<name>". An object that is not
  // a collection element and has no keys at all is null.
  absl::StatusOr<Value> Object(const std::string& key, const Type& type, bool element) {
    if (!element) {
      if (IsUnknown(key)) return Value::UnknownVal(type);
      if (FirstUnder(key + ".") == flat_.end()) return Value::NullVal(type);
    }
    std::map<std::string, Value> attributes;
    for (const auto& [name, attribute_type] : type.AttributeTypes()) {
      absl::StatusOr<Value> v = Decode(Child(key, name), attribute_type, false);
      if (!v.ok()) return v.status();
      attributes.emplace(name, *std::move(v));
    }
    return Value::ObjectVal(type, std::move(attributes));
  }

  const Flatmap& flat_;
  size_t budget_;  // elements the remaining counts may still create
};

class Encoder {
 public:
  absl::Status Encode(const std::string& key, const Value& v) {
    if (v.IsNull()) return absl::OkStatus();
    const Type& type = v.type();
    switch (type.kind()) {
      case TypeKind::kDynamic:  // only an unknown value keeps the Dynamic type
      case TypeKind::kBool:
      case TypeKind::kNumber:
      case TypeKind::kString:
        if (v.IsUnknown()) {
          out_[key] = std::string(kFlatmapUnknown);
        } else if (type.kind() == TypeKind::kBool) {
          out_[key] = v.AsBool() ? "true" : "false";
        } else if (type.kind() == TypeKind::kNumber) {
          out_[key] = v.AsNumber().ToString();
        } else {
          out_[key] = v.AsString();
        }
        return absl::OkStatus();
      case TypeKind::kList:
      case TypeKind::kSet:
      case TypeKind::kTuple: {
        if (v.IsUnknown()) {
          out_[key + ".#"] = std::string(kFlatmapUnknown);
          return absl::OkStatus();
        }
        const ValueList& elements = v.Elements();
        for (size_t i = 0; i < elements.size(); ++i) {
          absl::Status s = Encode(Child(key, std::to_string(i)), elements[i]);
          if (!s.ok()) return s;
        }
        out_[key + ".#"] = std::to_string(elements.size());
        return absl::OkStatus();
      }
      case TypeKind::kMap: {
        if (v.IsUnknown()) {
          out_[key + ".%"] = std::string(kFlatmapUnknown);
          return absl::OkStatus();
        }
        const Type& element_type = type.ElementType();
        bool flat_elements = element_type.IsPrimitive() || element_type.IsDynamic();
        for (const auto& [map_key, element] : v.MapElements()) {
          if (map_key == "%") {
            return KeyError(Child(key, map_key), "the map key \"%\" is the count's key");
          }
          if (!flat_elements && map_key.find('.') != std::string::npos) {
            return KeyError(Child(key, map_key),
                            "a map key with a dot cannot hold a structured value in a "
                            "flatmap");
          }
          absl::Status s = Encode(Child(key, map_key), element);
          if (!s.ok()) return s;
        }
        out_[key + ".%"] = std::to_string(v.Length());
        return absl::OkStatus();
      }
      case TypeKind::kObject: {
        const auto& attribute_types = type.AttributeTypes();
        for (size_t i = 0; i < attribute_types.size(); ++i) {
          const auto& [name, attribute_type] = attribute_types[i];
          absl::Status s = Encode(Child(key, name), v.IsUnknown()
                                                        ? Value::UnknownVal(attribute_type)
                                                        : v.Elements()[i]);
          if (!s.ok()) return s;
        }
        return absl::OkStatus();
      }
    }
    return KeyError(key, "unsupported type " + type.FriendlyName());
  }

  Flatmap Take() { return std::move(out_); }

 private:
  Flatmap out_;
};

}  // namespace

absl::StatusOr<Value> DecodeFlatmap(const std::map<std::string, std::string>& flat,
                                    const Type& type) {
  if (!type.IsObject()) {
    return absl::InvalidArgumentError(
        absl::StrCat("a flatmap holds an object, not a ", type.FriendlyName()));
  }
  if (flat.empty()) return Value::NullVal(type);
  try {
    return Decoder(flat).Decode("", type, true);
  } catch (const std::exception& e) {
    // The value factories reject what breaks the type rules; decoding should never get
    // there, but a corrupt state must not take the provider down if it does.
    return absl::InvalidArgumentError(absl::StrCat("invalid flatmap state: ", e.what()));
  }
}

absl::StatusOr<std::map<std::string, std::string>> EncodeFlatmap(const Value& value) {
  if (!value.type().IsObject()) {
    return absl::InvalidArgumentError(
        absl::StrCat("a flatmap holds an object, not a ", value.type().FriendlyName()));
  }
  if (value.IsUnknown()) {
    return absl::InvalidArgumentError("a wholly unknown object cannot be written as a flatmap");
  }
  Encoder encoder;
  absl::Status s = encoder.Encode("", value);
  if (!s.ok()) return s;
  return encoder.Take();
}

}  // namespace tfsdk::internal
