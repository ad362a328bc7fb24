// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Type::ToJson and Type::FromJson: cty's JSON encoding of types (docs/PROTOCOL.md §4).
//
// Terraform panics on a type it cannot read, so FromJson is strict: anything that is not
// exactly one of the documented shapes is an error that says what is wrong and where
// (`invalid type JSON at [1]["a"]: unknown primitive type "strng"`).

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "src/value/quote.h"
#include "tfsdk/type.h"

namespace tfsdk {
namespace {

using internal::AppendQuoted;
using internal::QuoteStyle;

// Nesting limit of the JSON text (arrays and objects). A type nests at most two JSON
// levels per type level, so this allows types more than 250 levels deep, far beyond any
// real schema, while bounding the recursion below.
constexpr size_t kMaxJsonDepth = 512;

std::string Quoted(std::string_view s) {
  std::string out;
  AppendQuoted(out, s, QuoteStyle::kJson);
  return out;
}

void AppendTypeJson(const Type& t, std::string& out) {
  switch (t.kind()) {
    case TypeKind::kDynamic:
      out += "\"dynamic\"";
      return;
    case TypeKind::kBool:
      out += "\"bool\"";
      return;
    case TypeKind::kNumber:
      out += "\"number\"";
      return;
    case TypeKind::kString:
      out += "\"string\"";
      return;
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kMap:
      out += t.IsList() ? "[\"list\"," : t.IsSet() ? "[\"set\"," : "[\"map\",";
      AppendTypeJson(t.ElementType(), out);
      out.push_back(']');
      return;
    case TypeKind::kObject: {
      out += "[\"object\",{";
      bool first = true;
      for (const auto& [name, attr_type] : t.AttributeTypes()) {
        if (!first) out.push_back(',');
        first = false;
        AppendQuoted(out, name, QuoteStyle::kJson);
        out.push_back(':');
        AppendTypeJson(attr_type, out);
      }
      out.push_back('}');
      const std::set<std::string>& optional = t.OptionalAttributes();
      if (!optional.empty()) {
        out += ",[";
        first = true;
        for (const std::string& name : optional) {  // std::set: already sorted
          if (!first) out.push_back(',');
          first = false;
          AppendQuoted(out, name, QuoteStyle::kJson);
        }
        out.push_back(']');
      }
      out.push_back(']');
      return;
    }
    case TypeKind::kTuple: {
      out += "[\"tuple\",[";
      bool first = true;
      for (const Type& element : t.TupleElementTypes()) {
        if (!first) out.push_back(',');
        first = false;
        AppendTypeJson(element, out);
      }
      out += "]]";
      return;
    }
  }
}

// --- Parsing -------------------------------------------------------------------------
// The type JSON is read into a small tree first (type JSON is short: a schema's types),
// then converted with full knowledge of where each piece sits, for precise messages.

struct JsonNode {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  std::string text;                    // kString: the string
  std::vector<JsonNode> items;         // kArray: elements; kObject: member values
  std::vector<std::string> keys;       // kObject: member names, parallel to `items`
};

const char* KindName(JsonNode::Kind kind) {
  switch (kind) {
    case JsonNode::Kind::kNull:
      return "null";
    case JsonNode::Kind::kBool:
      return "a boolean";
    case JsonNode::Kind::kNumber:
      return "a number";
    case JsonNode::Kind::kString:
      return "a string";
    case JsonNode::Kind::kArray:
      return "an array";
    case JsonNode::Kind::kObject:
      return "an object";
  }
  return "?";
}

// Builds a JsonNode tree from nlohmann's SAX events. Pointers on `stack_` stay valid: a
// node only gains children while it is the innermost open container, and its own parent
// is not modified until it closes.
class TreeBuilder {
 public:
  using json = nlohmann::json;
  using number_integer_t = json::number_integer_t;
  using number_unsigned_t = json::number_unsigned_t;
  using number_float_t = json::number_float_t;
  using string_t = json::string_t;
  using binary_t = json::binary_t;

  explicit TreeBuilder(JsonNode* root) : root_(root) {}

  bool null() { return Add(JsonNode::Kind::kNull) != nullptr; }
  bool boolean(bool) { return Add(JsonNode::Kind::kBool) != nullptr; }
  bool number_integer(number_integer_t) { return Add(JsonNode::Kind::kNumber) != nullptr; }
  bool number_unsigned(number_unsigned_t) { return Add(JsonNode::Kind::kNumber) != nullptr; }
  bool number_float(number_float_t, const string_t&) {
    return Add(JsonNode::Kind::kNumber) != nullptr;
  }
  bool string(string_t& s) {
    JsonNode* n = Add(JsonNode::Kind::kString);
    n->text = std::move(s);
    return true;
  }
  bool binary(binary_t&) { return false; }  // never produced by the JSON parser
  bool start_object(std::size_t) { return Open(JsonNode::Kind::kObject); }
  bool key(string_t& k) {
    stack_.back()->keys.push_back(std::move(k));
    return true;
  }
  bool end_object() {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) { return Open(JsonNode::Kind::kArray); }
  bool end_array() {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) {
    std::string_view what = ex.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    if (size_t close = what.find("] "); !what.empty() && what[0] == '[' &&
                                        close != std::string_view::npos) {
      what.remove_prefix(close + 2);
    }
    error_ = absl::StrCat("malformed JSON near byte ", position, ": ", std::string(what));
    return false;
  }

  const std::string& error() const { return error_; }

 private:
  JsonNode* Add(JsonNode::Kind kind) {
    JsonNode* n;
    if (stack_.empty()) {
      n = root_;
    } else {
      stack_.back()->items.emplace_back();
      n = &stack_.back()->items.back();
    }
    n->kind = kind;
    return n;
  }
  bool Open(JsonNode::Kind kind) {
    if (stack_.size() >= kMaxJsonDepth) {
      error_ = absl::StrCat("nested deeper than ", kMaxJsonDepth, " levels");
      return false;
    }
    stack_.push_back(Add(kind));
    return true;
  }

  JsonNode* root_;
  std::vector<JsonNode*> stack_;
  std::string error_;
};

class TypeParser {
 public:
  // Returns false and sets error() on failure.
  bool Parse(const JsonNode& node, Type* out) {
    switch (node.kind) {
      case JsonNode::Kind::kString:
        return ParsePrimitive(node.text, out);
      case JsonNode::Kind::kArray:
        return ParseComplex(node, out);
      default:
        return Fail(absl::StrCat("a type must be a string or an array, got ",
                                 KindName(node.kind)));
    }
  }

  std::string error() const {
    if (location_.empty()) return absl::StrCat("invalid type JSON: ", message_);
    std::string where;
    for (const std::string& step : location_) where += step;
    return absl::StrCat("invalid type JSON at ", where, ": ", message_);
  }

 private:
  bool Fail(std::string message) {
    message_ = std::move(message);
    return false;
  }
  void PushIndex(size_t i) { location_.push_back(absl::StrCat("[", i, "]")); }
  void PushKey(std::string_view key) { location_.push_back(absl::StrCat("[", Quoted(key), "]")); }
  void Pop() { location_.pop_back(); }

  bool ParsePrimitive(const std::string& name, Type* out) {
    if (name == "string") {
      *out = Type::String();
    } else if (name == "number") {
      *out = Type::Number();
    } else if (name == "bool") {
      *out = Type::Bool();
    } else if (name == "dynamic") {
      *out = Type::Dynamic();
    } else {
      return Fail(absl::StrCat("unknown primitive type ", Quoted(name)));
    }
    return true;
  }

  bool ParseComplex(const JsonNode& node, Type* out) {
    const std::vector<JsonNode>& items = node.items;
    if (items.empty()) return Fail("an empty array is not a type");
    if (items[0].kind != JsonNode::Kind::kString) {
      PushIndex(0);
      return Fail(absl::StrCat("the type kind must be a string, got ", KindName(items[0].kind)));
    }
    const std::string& kind = items[0].text;
    if (kind == "list" || kind == "set" || kind == "map") {
      if (items.size() != 2) {
        return Fail(absl::StrCat("a ", kind, " type must be [", Quoted(kind),
                                 ", element type], got ", items.size(), " elements"));
      }
      Type element;
      PushIndex(1);
      if (!Parse(items[1], &element)) return false;
      Pop();
      *out = kind == "list"  ? Type::List(std::move(element))
             : kind == "set" ? Type::Set(std::move(element))
                             : Type::Map(std::move(element));
      return true;
    }
    if (kind == "object") return ParseObject(items, out);
    if (kind == "tuple") return ParseTuple(items, out);
    PushIndex(0);
    return Fail(absl::StrCat("unknown type kind ", Quoted(kind)));
  }

  bool ParseObject(const std::vector<JsonNode>& items, Type* out) {
    if (items.size() != 2 && items.size() != 3) {
      return Fail(absl::StrCat(
          "an object type must be [\"object\", {attributes}] or [\"object\", {attributes}, "
          "[optional names]], got ",
          items.size(), " elements"));
    }
    const JsonNode& attrs = items[1];
    PushIndex(1);
    if (attrs.kind != JsonNode::Kind::kObject) {
      return Fail(absl::StrCat("object attributes must be a JSON object, got ",
                               KindName(attrs.kind)));
    }
    std::map<std::string, Type> attributes;
    for (size_t i = 0; i < attrs.items.size(); ++i) {
      const std::string& name = attrs.keys[i];
      PushKey(name);
      Type attr_type;
      if (!Parse(attrs.items[i], &attr_type)) return false;
      if (!attributes.emplace(name, std::move(attr_type)).second) {
        return Fail(absl::StrCat("duplicate attribute ", Quoted(name)));
      }
      Pop();
    }
    Pop();
    std::set<std::string> optional;
    if (items.size() == 3) {
      const JsonNode& names = items[2];
      PushIndex(2);
      if (names.kind != JsonNode::Kind::kArray) {
        return Fail(absl::StrCat("optional attribute names must be an array, got ",
                                 KindName(names.kind)));
      }
      for (size_t i = 0; i < names.items.size(); ++i) {
        const JsonNode& name = names.items[i];
        PushIndex(i);
        if (name.kind != JsonNode::Kind::kString) {
          return Fail(absl::StrCat("an optional attribute name must be a string, got ",
                                   KindName(name.kind)));
        }
        if (attributes.count(name.text) == 0) {
          return Fail(absl::StrCat("optional attribute ", Quoted(name.text),
                                   " is not an attribute of the object"));
        }
        if (!optional.insert(name.text).second) {
          return Fail(absl::StrCat("optional attribute ", Quoted(name.text), " is listed twice"));
        }
        Pop();
      }
      Pop();
    }
    *out = Type::Object(std::move(attributes), std::move(optional));
    return true;
  }

  bool ParseTuple(const std::vector<JsonNode>& items, Type* out) {
    if (items.size() != 2) {
      return Fail(absl::StrCat("a tuple type must be [\"tuple\", [element types]], got ",
                               items.size(), " elements"));
    }
    const JsonNode& elements = items[1];
    PushIndex(1);
    if (elements.kind != JsonNode::Kind::kArray) {
      return Fail(absl::StrCat("tuple element types must be an array, got ",
                               KindName(elements.kind)));
    }
    std::vector<Type> types;
    types.reserve(elements.items.size());
    for (size_t i = 0; i < elements.items.size(); ++i) {
      PushIndex(i);
      Type element;
      if (!Parse(elements.items[i], &element)) return false;
      types.push_back(std::move(element));
      Pop();
    }
    Pop();
    *out = Type::Tuple(std::move(types));
    return true;
  }

  std::vector<std::string> location_;
  std::string message_;
};

}  // namespace

std::string Type::ToJson() const {
  std::string out;
  AppendTypeJson(*this, out);
  return out;
}

absl::StatusOr<Type> Type::FromJson(std::string_view json) {
  JsonNode root;
  TreeBuilder builder(&root);
  if (!nlohmann::json::sax_parse(json.begin(), json.end(), &builder)) {
    return absl::InvalidArgumentError(absl::StrCat("invalid type JSON: ", builder.error()));
  }
  TypeParser parser;
  Type type;
  if (!parser.Parse(root, &type)) return absl::InvalidArgumentError(parser.error());
  return type;
}

}  // namespace tfsdk
