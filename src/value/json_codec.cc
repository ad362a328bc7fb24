// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// cty's JSON encoding of values (go-cty cty/json), used for raw state.
//
// Decoding runs in two passes. nlohmann_json's SAX parser feeds a flat, compact tree of
// our own (one 24-byte node per JSON value, strings and number texts in one buffer), and
// a type-directed pass turns that tree into a Value. The tree is needed because a
// dynamically typed value is {"value": V, "type": T} and T may come after V; it also keeps
// each number's source text, so "0.1" becomes the exact decimal 0.1 (nlohmann's own DOM
// would round it to a double).
//
// Limits that bound what an untrusted document can cost: nesting depth kMaxDepth (the
// type-directed pass recurses once per level), documents below 4 GiB (32-bit offsets),
// and memory proportional to the bytes actually read, never to a length the input claims.
// A number literal beyond the range of long double (about 1e4932) is rejected by the
// parser; any decimal within it is kept exactly.

#include "src/value/json_codec.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "nlohmann/json.hpp"
#include "src/value/quote.h"
#include "src/value/value_internal.h"
#include "tfsdk/number.h"
#include "tfsdk/path.h"
#include "tfsdk/type.h"
#include "tfsdk/value.h"

namespace tfsdk::internal {
namespace {

// Maximum nesting of arrays and objects in a document.
constexpr size_t kMaxDepth = 512;

// Only used for its SAX parser. long double lets literals up to ~1e4932 through the
// parser's overflow check (with double, "1e400" would be rejected); the value itself is
// rebuilt exactly from the literal's text.
using SaxJson = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t,
                                     std::uint64_t, long double>;

// --- Strings -------------------------------------------------------------------------

std::string Quoted(std::string_view s) {
  std::string out;
  if (!AppendQuoted(out, s, QuoteStyle::kJson)) out = "(a string that is not valid UTF-8)";
  return out;
}

template <typename Int>
void AppendInt(std::string& out, Int v) {
  char buf[24];
  auto result = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, result.ptr);
}

// --- Error paths ---------------------------------------------------------------------

// The path of the value being worked on, kept as cheap references; a Path is only built
// for an error message.
class PathTracker {
 public:
  void PushAttr(std::string_view name) { steps_.push_back({Kind::kAttr, name, 0}); }
  void PushKey(std::string_view key) { steps_.push_back({Kind::kKey, key, 0}); }
  void PushIndex(int64_t i) { steps_.push_back({Kind::kIndex, {}, i}); }
  // Set elements have no address: a path stops at the set.
  void PushSetElement() { steps_.push_back({Kind::kSetElement, {}, 0}); }
  void Pop() { steps_.pop_back(); }

  absl::Status Error(std::string_view message) const {
    std::vector<PathStep> steps;
    bool in_set = false;
    for (const Step& s : steps_) {
      if (s.kind == Kind::kSetElement) {
        in_set = true;
        break;
      }
      switch (s.kind) {
        case Kind::kAttr:
          steps.push_back(PathStep::Attribute(std::string(s.name)));
          break;
        case Kind::kKey:
          steps.push_back(PathStep::StringKey(std::string(s.name)));
          break;
        default:
          steps.push_back(PathStep::IntKey(s.index));
          break;
      }
    }
    std::string where;
    if (!steps.empty() || in_set) {
      where = absl::StrCat("at ", Path(std::move(steps)).ToString(),
                           in_set ? " (in a set element)" : "", ": ");
    }
    return absl::InvalidArgumentError(absl::StrCat(where, std::string(message)));
  }

 private:
  enum class Kind : uint8_t { kAttr, kKey, kIndex, kSetElement };
  struct Step {
    Kind kind;
    std::string_view name;
    int64_t index;
  };
  std::vector<Step> steps_;
};

// --- The document tree ---------------------------------------------------------------

enum class NodeKind : uint8_t {
  kNull,
  kFalse,
  kTrue,
  kInt,
  kUint,
  kFloat,
  kString,
  kArray,
  kObject,
};

// One JSON value, 16 bytes. Containers are followed by their children in document
// order; an object's children are (key string, value) pairs.
struct Node {
  NodeKind kind = NodeKind::kNull;
  uint32_t size = 0;  // kArray: elements; kObject: members; kString, kFloat: text length
  union {
    uint32_t end;     // kArray, kObject: index of the first node after the subtree
    uint32_t offset;  // kString, kFloat: where the text starts in Document::text
    int64_t integer;  // kInt; kUint keeps the uint64 bits
  };

  explicit Node(NodeKind k) : kind(k), integer(0) {}
};
static_assert(sizeof(Node) == 16);

struct Document {
  std::vector<Node> nodes;
  std::string text;

  std::string_view Text(const Node& n) const {
    return std::string_view(text.data() + n.offset, n.size);
  }
  // The index of the node after the subtree at `i`.
  uint32_t Next(uint32_t i) const {
    const Node& n = nodes[i];
    return n.kind == NodeKind::kArray || n.kind == NodeKind::kObject ? n.end : i + 1;
  }
};

const char* JsonKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kNull:
      return "null";
    case NodeKind::kFalse:
    case NodeKind::kTrue:
      return "a JSON boolean";
    case NodeKind::kInt:
    case NodeKind::kUint:
    case NodeKind::kFloat:
      return "a JSON number";
    case NodeKind::kString:
      return "a JSON string";
    case NodeKind::kArray:
      return "a JSON array";
    case NodeKind::kObject:
      return "a JSON object";
  }
  return "?";
}

// Receives nlohmann's SAX events and appends nodes to a Document.
class DocumentBuilder {
 public:
  using number_integer_t = SaxJson::number_integer_t;
  using number_unsigned_t = SaxJson::number_unsigned_t;
  using number_float_t = SaxJson::number_float_t;
  using string_t = SaxJson::string_t;
  using binary_t = SaxJson::binary_t;

  explicit DocumentBuilder(Document* doc) : doc_(*doc) {}

  bool null() {
    Append(NodeKind::kNull);
    return true;
  }
  bool boolean(bool b) {
    Append(b ? NodeKind::kTrue : NodeKind::kFalse);
    return true;
  }
  bool number_integer(number_integer_t v) {
    doc_.nodes[Append(NodeKind::kInt)].integer = v;
    return true;
  }
  bool number_unsigned(number_unsigned_t v) {
    doc_.nodes[Append(NodeKind::kUint)].integer = static_cast<int64_t>(v);
    return true;
  }
  bool number_float(number_float_t, const string_t& text) {
    AppendText(Append(NodeKind::kFloat), text);
    return true;
  }
  bool string(string_t& s) {
    AppendText(Append(NodeKind::kString), s);
    return true;
  }
  bool binary(binary_t&) { return false; }  // never produced by the JSON parser
  bool key(string_t& s) {
    ++doc_.nodes[open_.back()].size;
    uint32_t index = static_cast<uint32_t>(doc_.nodes.size());
    doc_.nodes.emplace_back(NodeKind::kString);
    AppendText(index, s);
    return true;
  }
  bool start_object(std::size_t) { return Open(NodeKind::kObject); }
  bool end_object() { return Close(); }
  bool start_array(std::size_t) { return Open(NodeKind::kArray); }
  bool end_array() { return Close(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) {
    std::string_view what = ex.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    if (size_t close = what.find("] ");
        !what.empty() && what[0] == '[' && close != std::string_view::npos) {
      what.remove_prefix(close + 2);
    }
    error_ = absl::StrCat("malformed JSON near byte ", position, ": ", std::string(what));
    return false;
  }

  const std::string& error() const { return error_; }

 private:
  uint32_t Append(NodeKind kind) {
    if (!open_.empty()) {
      Node& parent = doc_.nodes[open_.back()];
      if (parent.kind == NodeKind::kArray) ++parent.size;
    }
    uint32_t index = static_cast<uint32_t>(doc_.nodes.size());
    doc_.nodes.emplace_back(kind);
    return index;
  }
  void AppendText(uint32_t index, const std::string& s) {
    Node& n = doc_.nodes[index];
    n.offset = static_cast<uint32_t>(doc_.text.size());
    n.size = static_cast<uint32_t>(s.size());
    doc_.text += s;
  }
  bool Open(NodeKind kind) {
    if (open_.size() >= kMaxDepth) {
      error_ = absl::StrCat("JSON nested deeper than ", kMaxDepth, " levels");
      return false;
    }
    open_.push_back(Append(kind));
    return true;
  }
  bool Close() {
    doc_.nodes[open_.back()].end = static_cast<uint32_t>(doc_.nodes.size());
    open_.pop_back();
    return true;
  }

  Document& doc_;
  std::vector<uint32_t> open_;  // indices of the containers not yet closed
  std::string error_;
};

// Writes the subtree at `i` back as compact JSON (for the type of a dynamic value).
void Serialize(const Document& doc, uint32_t i, std::string& out) {
  const Node& n = doc.nodes[i];
  switch (n.kind) {
    case NodeKind::kNull:
      out += "null";
      return;
    case NodeKind::kFalse:
      out += "false";
      return;
    case NodeKind::kTrue:
      out += "true";
      return;
    case NodeKind::kInt:
      AppendInt(out, n.integer);
      return;
    case NodeKind::kUint:
      AppendInt(out, static_cast<uint64_t>(n.integer));
      return;
    case NodeKind::kFloat:
      out += doc.Text(n);
      return;
    case NodeKind::kString:
      AppendQuoted(out, doc.Text(n), QuoteStyle::kJson);  // valid: the parser checked it
      return;
    case NodeKind::kArray: {
      out.push_back('[');
      uint32_t c = i + 1;
      for (uint32_t k = 0; k < n.size; ++k, c = doc.Next(c)) {
        if (k > 0) out.push_back(',');
        Serialize(doc, c, out);
      }
      out.push_back(']');
      return;
    }
    case NodeKind::kObject: {
      out.push_back('{');
      uint32_t c = i + 1;
      for (uint32_t k = 0; k < n.size; ++k, c = doc.Next(c + 1)) {
        if (k > 0) out.push_back(',');
        Serialize(doc, c, out);
        out.push_back(':');
        Serialize(doc, c + 1, out);
      }
      out.push_back('}');
      return;
    }
  }
}

// --- Decoding ------------------------------------------------------------------------

class Decoder {
 public:
  Decoder(const Document& doc, bool ignore_unknown_attributes)
      : doc_(doc), ignore_unknown_attributes_(ignore_unknown_attributes) {}

  // Decodes the subtree at `i` as `type` into *out; false with status() set on failure.
  bool Decode(uint32_t i, const Type& type, Value* out) {
    const Node& n = doc_.nodes[i];
    if (n.kind == NodeKind::kNull) {
      *out = Value::NullVal(type);
      return true;
    }
    switch (type.kind()) {
      case TypeKind::kDynamic:
        return DecodeDynamic(i, out);
      case TypeKind::kBool:
        return DecodeBool(n, out);
      case TypeKind::kNumber:
        return DecodeNumber(n, out);
      case TypeKind::kString:
        return DecodeString(n, out);
      case TypeKind::kList:
      case TypeKind::kSet:
        return DecodeListOrSet(i, type, out);
      case TypeKind::kTuple:
        return DecodeTuple(i, type, out);
      case TypeKind::kMap:
        return DecodeMap(i, type, out);
      case TypeKind::kObject:
        return DecodeObject(i, type, out);
    }
    return Fail("unsupported type");
  }

  const absl::Status& status() const { return status_; }

 private:
  bool Fail(std::string_view message) {
    status_ = path_.Error(message);
    return false;
  }
  bool WrongKind(const Type& type, const Node& n, const char* required) {
    return Fail(absl::StrCat(required, " is required for ", type.FriendlyName(), ", got ",
                             JsonKindName(n.kind)));
  }

  bool DecodeBool(const Node& n, Value* out) {
    switch (n.kind) {
      case NodeKind::kTrue:
      case NodeKind::kFalse:
        *out = ValueAccess::KnownBool(n.kind == NodeKind::kTrue);
        return true;
      case NodeKind::kString: {
        // cty converts these strings to bools.
        std::string_view s = doc_.Text(n);
        if (s == "true" || s == "1") {
          *out = ValueAccess::KnownBool(true);
          return true;
        }
        if (s == "false" || s == "0") {
          *out = ValueAccess::KnownBool(false);
          return true;
        }
        return Fail(absl::StrCat("a bool is required, got the string ", Quoted(s)));
      }
      default:
        return Fail(absl::StrCat("a bool is required, got ", JsonKindName(n.kind)));
    }
  }

  bool DecodeNumber(const Node& n, Value* out) {
    switch (n.kind) {
      case NodeKind::kInt:
        *out = ValueAccess::KnownNumber(Number::FromInt64(n.integer));
        return true;
      case NodeKind::kUint:
        *out = ValueAccess::KnownNumber(Number::FromUint64(static_cast<uint64_t>(n.integer)));
        return true;
      case NodeKind::kFloat:
      case NodeKind::kString: {
        // cty accepts a string holding a number wherever a number is expected.
        std::string_view text = doc_.Text(n);
        absl::StatusOr<Number> number = Number::Parse(text);
        if (!number.ok()) {
          return Fail(absl::StrCat("a number is required, got ",
                                   n.kind == NodeKind::kString ? "the string " : "",
                                   Quoted(text)));
        }
        *out = ValueAccess::KnownNumber(*std::move(number));
        return true;
      }
      default:
        return Fail(absl::StrCat("a number is required, got ", JsonKindName(n.kind)));
    }
  }

  bool DecodeString(const Node& n, Value* out) {
    std::string s;
    switch (n.kind) {
      case NodeKind::kString:
      case NodeKind::kFloat:  // cty keeps a number literal's text for a string
        s.assign(doc_.Text(n));
        break;
      case NodeKind::kInt:
        AppendInt(s, n.integer);
        break;
      case NodeKind::kUint:
        AppendInt(s, static_cast<uint64_t>(n.integer));
        break;
      case NodeKind::kTrue:
        s = "true";
        break;
      case NodeKind::kFalse:
        s = "false";
        break;
      default:
        return Fail(absl::StrCat("a string is required, got ", JsonKindName(n.kind)));
    }
    *out = ValueAccess::KnownString(std::move(s));
    return true;
  }

  bool DecodeListOrSet(uint32_t i, const Type& type, Value* out) {
    const Node& n = doc_.nodes[i];
    if (n.kind != NodeKind::kArray) return WrongKind(type, n, "a JSON array");
    const Type& element_type = type.ElementType();
    const bool is_set = type.IsSet();
    ValueList elements(n.size);  // n.size counts elements actually parsed
    uint32_t c = i + 1;
    for (uint32_t k = 0; k < n.size; ++k, c = doc_.Next(c)) {
      if (is_set) {
        path_.PushSetElement();
      } else {
        path_.PushIndex(k);
      }
      if (!Decode(c, element_type, &elements[k])) return false;
      path_.Pop();
    }
    *out = is_set ? ValueAccess::KnownSet(type, std::move(elements))
                  : ValueAccess::KnownSequence(type, std::move(elements));
    return true;
  }

  bool DecodeTuple(uint32_t i, const Type& type, Value* out) {
    const Node& n = doc_.nodes[i];
    if (n.kind != NodeKind::kArray) return WrongKind(type, n, "a JSON array");
    const std::vector<Type>& types = type.TupleElementTypes();
    if (n.size != types.size()) {
      return Fail(absl::StrCat("a tuple of ", types.size(), " elements is required, got ",
                               n.size, " elements"));
    }
    ValueList elements(n.size);
    uint32_t c = i + 1;
    for (uint32_t k = 0; k < n.size; ++k, c = doc_.Next(c)) {
      path_.PushIndex(k);
      if (!Decode(c, types[k], &elements[k])) return false;
      path_.Pop();
    }
    *out = ValueAccess::KnownSequence(type, std::move(elements));
    return true;
  }

  bool DecodeMap(uint32_t i, const Type& type, Value* out) {
    const Node& n = doc_.nodes[i];
    if (n.kind != NodeKind::kObject) return WrongKind(type, n, "a JSON object");
    const Type& element_type = type.ElementType();
    ValueMap elements(n.size);
    uint32_t c = i + 1;
    for (uint32_t k = 0; k < n.size; ++k, c = doc_.Next(c + 1)) {
      std::string_view key = doc_.Text(doc_.nodes[c]);
      path_.PushKey(key);
      elements[k].first.assign(key);
      if (!Decode(c + 1, element_type, &elements[k].second)) return false;
      path_.Pop();
    }
    auto by_key = [](const auto& a, const auto& b) { return a.first < b.first; };
    if (!std::is_sorted(elements.begin(), elements.end(), by_key)) {
      std::stable_sort(elements.begin(), elements.end(), by_key);
    }
    // A key given twice keeps its last value, as cty's decoder does.
    size_t unique = 0;
    for (size_t k = 0; k < elements.size(); ++k) {
      if (unique > 0 && elements[unique - 1].first == elements[k].first) {
        elements[unique - 1].second = std::move(elements[k].second);
      } else {
        if (unique != k) elements[unique] = std::move(elements[k]);
        ++unique;
      }
    }
    elements.resize(unique);
    *out = ValueAccess::KnownMap(type, std::move(elements));
    return true;
  }

  bool DecodeObject(uint32_t i, const Type& type, Value* out) {
    const Node& n = doc_.nodes[i];
    if (n.kind != NodeKind::kObject) return WrongKind(type, n, "a JSON object");
    const auto& attributes = type.AttributeTypes();
    ValueList values(attributes.size());
    std::vector<bool> present(attributes.size());
    size_t hint = 0;  // documents usually list attributes in sorted order
    uint32_t c = i + 1;
    for (uint32_t k = 0; k < n.size; ++k, c = doc_.Next(c + 1)) {
      std::string_view name = doc_.Text(doc_.nodes[c]);
      int index;
      if (hint < attributes.size() && attributes[hint].first == name) {
        index = static_cast<int>(hint);
      } else {
        index = type.AttributeIndex(name);
      }
      if (index < 0) {
        if (ignore_unknown_attributes_) continue;
        return Fail(absl::StrCat("unsupported attribute ", Quoted(name)));
      }
      hint = static_cast<size_t>(index) + 1;
      path_.PushAttr(name);
      // An attribute given twice keeps its last value, as cty's decoder does.
      if (!Decode(c + 1, attributes[index].second, &values[index])) return false;
      path_.Pop();
      present[index] = true;
    }
    for (size_t a = 0; a < attributes.size(); ++a) {
      if (!present[a]) values[a] = Value::NullVal(attributes[a].second);
    }
    *out = ValueAccess::KnownSequence(type, std::move(values));
    return true;
  }

  bool DecodeDynamic(uint32_t i, Value* out) {
    const Node& n = doc_.nodes[i];
    if (n.kind != NodeKind::kObject) {
      return Fail(absl::StrCat(
          "a JSON object {\"value\": ..., \"type\": ...} is required for a dynamically-typed "
          "value, got ",
          JsonKindName(n.kind)));
    }
    uint32_t value_node = 0;
    uint32_t type_node = 0;
    uint32_t c = i + 1;
    for (uint32_t k = 0; k < n.size; ++k, c = doc_.Next(c + 1)) {
      std::string_view key = doc_.Text(doc_.nodes[c]);
      if (key == "value") {
        value_node = c + 1;
      } else if (key == "type") {
        type_node = c + 1;
      } else {
        return Fail(absl::StrCat("invalid key ", Quoted(key), " in dynamically-typed value"));
      }
    }
    // Node 0 is the document root, never a member value, so 0 means "absent".
    if (type_node == 0) return Fail("missing \"type\" in dynamically-typed value");
    if (value_node == 0) return Fail("missing \"value\" in dynamically-typed value");

    std::string type_json;
    Serialize(doc_, type_node, type_json);
    auto cached = type_cache_.find(type_json);
    if (cached == type_cache_.end()) {
      absl::StatusOr<Type> type = Type::FromJson(type_json);
      if (!type.ok()) {
        return Fail(absl::StrCat("invalid \"type\" in dynamically-typed value: ",
                                 std::string(type.status().message())));
      }
      cached = type_cache_.emplace(std::move(type_json), *std::move(type)).first;
    }
    const Type type = cached->second;  // a copy: the cache may rehash while decoding
    return Decode(value_node, type, out);
  }

  const Document& doc_;
  const bool ignore_unknown_attributes_;
  PathTracker path_;
  absl::Status status_;
  std::unordered_map<std::string, Type> type_cache_;  // type JSON -> type
};

// --- Encoding ------------------------------------------------------------------------

constexpr std::string_view kUnknownMessage =
    "value is not known; unknown values cannot be encoded as JSON";

class Encoder {
 public:
  explicit Encoder(std::string* out) : out_(*out) {}

  bool Encode(const Value& value, const Type& type) {
    if (type.IsDynamic()) return EncodeDynamic(value);
    if (value.IsNull()) {
      out_ += "null";
      return true;
    }
    if (value.IsUnknown()) return Fail(kUnknownMessage);
    if (value.type().kind() != type.kind()) {
      return Fail(absl::StrCat(type.FriendlyName(), " is required, got ",
                               value.type().FriendlyName()));
    }
    switch (type.kind()) {
      case TypeKind::kBool:
        out_ += value.AsBool() ? "true" : "false";
        return true;
      case TypeKind::kNumber:
        return EncodeNumber(value.AsNumber());
      case TypeKind::kString:
        if (!AppendQuoted(out_, value.AsString(), QuoteStyle::kJson)) {
          return Fail("string is not valid UTF-8");
        }
        return true;
      case TypeKind::kList:
      case TypeKind::kSet: {
        const Type& element_type = type.ElementType();
        const bool is_set = type.IsSet();
        const ValueList& elements = value.Elements();
        out_.push_back('[');
        for (size_t k = 0; k < elements.size(); ++k) {
          if (k > 0) out_.push_back(',');
          if (is_set) {
            path_.PushSetElement();
          } else {
            path_.PushIndex(static_cast<int64_t>(k));
          }
          if (!Encode(elements[k], element_type)) return false;
          path_.Pop();
        }
        out_.push_back(']');
        return true;
      }
      case TypeKind::kTuple: {
        const std::vector<Type>& types = type.TupleElementTypes();
        const ValueList& elements = value.Elements();
        if (elements.size() != types.size()) {
          return Fail(absl::StrCat("a tuple of ", types.size(), " elements is required, got ",
                                   elements.size()));
        }
        out_.push_back('[');
        for (size_t k = 0; k < elements.size(); ++k) {
          if (k > 0) out_.push_back(',');
          path_.PushIndex(static_cast<int64_t>(k));
          if (!Encode(elements[k], types[k])) return false;
          path_.Pop();
        }
        out_.push_back(']');
        return true;
      }
      case TypeKind::kMap: {
        const Type& element_type = type.ElementType();
        out_.push_back('{');
        bool first = true;
        for (const auto& [key, element] : value.MapElements()) {  // sorted by key
          if (!first) out_.push_back(',');
          first = false;
          path_.PushKey(key);
          if (!AppendQuoted(out_, key, QuoteStyle::kJson)) {
            return Fail("map key is not valid UTF-8");
          }
          out_.push_back(':');
          if (!Encode(element, element_type)) return false;
          path_.Pop();
        }
        out_.push_back('}');
        return true;
      }
      case TypeKind::kObject: {
        const auto& attributes = type.AttributeTypes();
        const auto& value_attributes = value.type().AttributeTypes();
        const ValueList& values = value.Elements();
        if (&attributes != &value_attributes) {
          bool same = attributes.size() == value_attributes.size();
          for (size_t a = 0; same && a < attributes.size(); ++a) {
            same = attributes[a].first == value_attributes[a].first;
          }
          if (!same) return Fail("the object's attributes do not match the type's");
        }
        out_.push_back('{');
        for (size_t a = 0; a < attributes.size(); ++a) {  // sorted by name
          if (a > 0) out_.push_back(',');
          path_.PushAttr(attributes[a].first);
          if (!AppendQuoted(out_, attributes[a].first, QuoteStyle::kJson)) {
            return Fail("attribute name is not valid UTF-8");
          }
          out_.push_back(':');
          if (!Encode(values[a], attributes[a].second)) return false;
          path_.Pop();
        }
        out_.push_back('}');
        return true;
      }
      case TypeKind::kDynamic:
        break;  // handled above
    }
    return Fail("unsupported type");
  }

  const absl::Status& status() const { return status_; }

 private:
  bool Fail(std::string_view message) {
    status_ = path_.Error(message);
    return false;
  }

  // A value in a Dynamic slot carries its type: {"value": V, "type": T}. A null of type
  // Dynamic has no type to carry and is plain null.
  bool EncodeDynamic(const Value& value) {
    if (value.IsUnknown()) return Fail(kUnknownMessage);
    if (value.type().IsDynamic()) {
      if (value.IsNull()) {
        out_ += "null";
        return true;
      }
      return Fail("a known value must have a concrete type");
    }
    out_ += "{\"value\":";
    if (!Encode(value, value.type())) return false;
    out_ += ",\"type\":";
    out_ += value.type().ToJson();
    out_.push_back('}');
    return true;
  }

  bool EncodeNumber(const Number& n) {
    if (n.IsInt64()) {
      AppendInt(out_, *n.ToInt64());
      return true;
    }
    if (n.IsInfinite()) return Fail("infinity cannot be encoded as JSON");
    out_ += n.ToString();
    return true;
  }

  std::string& out_;
  PathTracker path_;
  absl::Status status_;
};

}  // namespace

absl::StatusOr<Value> DecodeJsonValue(std::string_view json, const Type& type,
                                      bool ignore_unknown_attributes) {
  if (json.size() >= std::numeric_limits<uint32_t>::max()) {
    return absl::InvalidArgumentError("JSON document too large (4 GiB or more)");
  }
  Document doc;
  // A guess at the node count that avoids most regrowth for real documents, capped so a
  // large input of whitespace or long strings cannot make us reserve much it won't use.
  doc.nodes.reserve(std::min<size_t>(json.size() / 8 + 1, size_t{1} << 20));
  DocumentBuilder builder(&doc);
  if (!SaxJson::sax_parse(json.data(), json.data() + json.size(), &builder)) {
    return absl::InvalidArgumentError(builder.error());
  }
  Decoder decoder(doc, ignore_unknown_attributes);
  Value value;
  if (!decoder.Decode(0, type, &value)) return decoder.status();
  return value;
}

absl::StatusOr<std::string> EncodeJsonValue(const Value& value, const Type& type) {
  std::string out;
  Encoder encoder(&out);
  if (!encoder.Encode(value, type)) return encoder.status();
  return out;
}

}  // namespace tfsdk::internal
