// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Replaces the C library's getaddrinfo and freeaddrinfo in a statically linked executable
// with tfsdk::portable's (resolver.h), so that every library in the provider (libpq,
// libcurl, OpenSSL's BIO_lookup, the author's own code) resolves host names without the
// NSS modules a static glibc would dlopen at run time.
//
// Only static releases link this file: in glibc's libc.a, getaddrinfo.o defines exactly
// getaddrinfo and freeaddrinfo, so defining both here keeps that member out of the link
// (no duplicate symbols). A dynamically linked program must never link it: it would
// interpose the shared C library's functions for every library in the process.
#include <netdb.h>

#include "src/portable/resolver.h"

extern "C" {

int getaddrinfo(const char* node, const char* service, const struct addrinfo* hints,
                struct addrinfo** res) {
  return tfsdk::portable::GetAddrInfo(node, service, hints, res, {});
}

void freeaddrinfo(struct addrinfo* list) { tfsdk::portable::FreeAddrInfo(list); }

}  // extern "C"
