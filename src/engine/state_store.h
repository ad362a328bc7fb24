// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Chunking of state bytes for the ReadStateBytes (server stream) and WriteStateBytes
// (client stream) RPCs, protocol-neutral so both directions are tested without gRPC:
//
//   for (const StateChunk& c : SplitStateBytes(bytes, chunk_size)) Send(c);
//
//   StateBytesAssembler in(chunk_size);
//   while (Receive(&chunk)) if (!in.Add(chunk, diags)) break;
//   if (in.Finish(diags)) store.Write(in.Take());
//
// A chunk's range is [start, end] in the whole state, both inclusive, as Terraform core
// writes it: `start` is the offset of the chunk's first byte, `end` that of its last
// (start + size - 1; start - 1 for an empty chunk). Every chunk carries the total length.
// The assembler also accepts an exclusive `end` (start + size), as some clients may send;
// anything else that does not line up (a gap, an overlap, a total that changes or does
// not match the bytes received, a chunk larger than the negotiated size) is an error
// diagnostic and nothing is written.
#ifndef TFSDK_SRC_ENGINE_STATE_STORE_H_
#define TFSDK_SRC_ENGINE_STATE_STORE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tfsdk/diagnostics.h"

namespace tfsdk::internal {

struct StateChunk {
  std::string bytes{};
  int64_t total_length = 0;
  bool has_range = false;  // false: the client sent no range (taken as the next bytes)
  int64_t start = 0;
  int64_t end = 0;
};

// Splits `bytes` into chunks of at most `chunk_size` bytes (at least one chunk, empty for an
// empty state). chunk_size <= 0 means one chunk.
std::vector<StateChunk> SplitStateBytes(const std::string& bytes, int64_t chunk_size);

class StateBytesAssembler {
 public:
  // `chunk_size` is the negotiated size (0: no limit).
  explicit StateBytesAssembler(int64_t chunk_size) : chunk_size_(chunk_size) {}
  // Appends one chunk; false (with an error diagnostic) when it does not fit.
  bool Add(const StateChunk& chunk, Diagnostics& diags);
  // Checks that everything announced arrived; false with an error diagnostic otherwise.
  bool Finish(Diagnostics& diags) const;
  std::string Take() { return std::move(bytes_); }
  int64_t chunks() const { return chunks_; }

 private:
  int64_t chunk_size_;
  std::string bytes_;
  int64_t total_length_ = -1;  // from the first chunk
  int64_t chunks_ = 0;
};

}  // namespace tfsdk::internal

#endif  // TFSDK_SRC_ENGINE_STATE_STORE_H_
