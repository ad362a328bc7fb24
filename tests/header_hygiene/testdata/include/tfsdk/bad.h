// Fixture for header_hygiene.forbidden_includes_detects_offenders: every include below is
// one a public header must not have. Never compiled.
#ifndef TFSDK_BAD_H_
#define TFSDK_BAD_H_

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>
#include <msgpack.hpp>
#include "nlohmann/json.hpp"
#  include "tfplugin5.pb.h"
#include <string>
#include "absl/status/status.h"

#endif  // TFSDK_BAD_H_
