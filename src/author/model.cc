// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.

#include "tfsdk/model.h"

#include <string>
#include <vector>

namespace tfsdk::model_internal {
namespace {

// `member (attribute "name")`, or `"name"` when the member name is unknown or the same.
std::string FieldName(std::string_view attribute, std::string_view member) {
  std::string quoted = "\"" + std::string(attribute) + "\"";
  if (member.empty() || member == attribute) return "field " + quoted;
  return "field " + std::string(member) + " (attribute " + quoted + ")";
}

}  // namespace

void CheckFields(std::string_view model, std::span<const std::string_view> attributes,
                 std::span<const std::string_view> members, const Type& object_type,
                 const Path& where) {
  std::vector<std::string> problems;
  if (object_type.IsObject()) {
    const auto& type_attributes = object_type.AttributeTypes();
    // The field that maps each attribute of the type, or -1.
    std::vector<int> field_of(type_attributes.size(), -1);
    for (size_t f = 0; f < attributes.size(); ++f) {
      const int a = object_type.AttributeIndex(attributes[f]);
      if (a < 0) {
        problems.push_back(FieldName(attributes[f], members[f]) +
                           " has no attribute in the object");
      } else if (field_of[a] >= 0) {
        problems.push_back(FieldName(attributes[f], members[f]) + " and " +
                           FieldName(attributes[field_of[a]], members[field_of[a]]) +
                           " map the same attribute");
      } else {
        field_of[a] = static_cast<int>(f);
      }
    }
    if (problems.empty() && attributes.size() == type_attributes.size()) return;
    for (size_t a = 0; a < type_attributes.size(); ++a) {
      if (field_of[a] < 0) {
        problems.push_back("object attribute \"" + type_attributes[a].first +
                           "\" has no field in the model");
      }
    }
  } else {
    for (size_t f = 0; f < attributes.size(); ++f) {
      for (size_t g = 0; g < f; ++g) {
        if (attributes[g] == attributes[f]) {
          problems.push_back(FieldName(attributes[f], members[f]) + " and " +
                             FieldName(attributes[g], members[g]) + " map the same attribute");
        }
      }
    }
  }
  if (problems.empty()) return;
  std::string message = "model " + std::string(model) + " does not match ";
  message += object_type.IsObject() ? "the object type: " : "itself: ";
  for (size_t i = 0; i < problems.size(); ++i) {
    if (i > 0) message += "; ";
    message += problems[i];
  }
  throw ConversionError(where, message);
}

void ThrowFieldMismatch(std::string_view model, std::string_view attribute,
                        std::string_view member, const std::string& problem) {
  throw ConversionError(Path::Root(std::string(attribute)),
                        "cannot write " + FieldName(attribute, member) + " of model " +
                            std::string(model) + ": " + problem);
}

void ThrowNotAnObject(std::string_view model, const Type& type) {
  throw ConversionError(Path(), "cannot write model " + std::string(model) + " as " +
                                    type.FriendlyName() + " (a model is an object)");
}

}  // namespace tfsdk::model_internal
