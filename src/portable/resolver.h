// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Host name resolution that needs nothing from the machine but /etc/hosts and
// /etc/resolv.conf, for statically linked provider releases.
//
// glibc's getaddrinfo reads /etc/hosts and asks DNS through NSS modules (libnss_files,
// libnss_dns) that it loads at run time with dlopen. A static executable therefore only
// resolves names on a machine whose glibc matches the one it was linked with, and not at
// all in a container without those modules. This resolver asks c-ares (the library gRPC
// itself resolves with) instead: it reads the hosts file and resolv.conf itself and speaks
// DNS over its own sockets.
//
// tfsdk_add_provider links getaddrinfo_override.cc into every static release, which makes
// the process-wide getaddrinfo/freeaddrinfo these functions (docs/PROTOCOL.md §10; README,
// "Releasing a provider"). Dynamic builds keep glibc's.
//
//   addrinfo hints{};
//   hints.ai_socktype = SOCK_STREAM;
//   addrinfo* res = nullptr;
//   int rc = tfsdk::portable::GetAddrInfo("db.internal", "5432", &hints, &res, {});
//   if (rc != 0) ... gai_strerror(rc) ...
//   tfsdk::portable::FreeAddrInfo(res);
//
// Thread-safe: every call uses a c-ares channel of its own.
#ifndef TFSDK_SRC_PORTABLE_RESOLVER_H_
#define TFSDK_SRC_PORTABLE_RESOLVER_H_

#include <netdb.h>

#include <string>

namespace tfsdk::portable {

// Where the resolver reads its configuration. Defaults are the system files.
struct ResolverOptions {
  // resolv.conf to read name servers, search domains and options from. Empty: c-ares'
  // default, /etc/resolv.conf (plus the LOCALDOMAIN and RES_OPTIONS environment variables).
  std::string resolv_conf;
  // Name servers to ask instead of resolv.conf's, as c-ares' ares_set_servers_ports_csv
  // takes them ("127.0.0.1:5353,[::1]:53"). Empty: resolv.conf's.
  std::string dns_servers;
  // The services database for non-numeric service names ("https"). Empty: /etc/services.
  // A service name that is not found there gives EAI_SERVICE.
  std::string services;
  // Per-try timeout for a DNS query, in milliseconds; 0 keeps c-ares' default (resolv.conf's
  // "options timeout:", else 5 s). Tries follow resolv.conf's "options attempts:".
  int timeout_ms = 0;
};

// getaddrinfo(3) with the same contract: returns 0 and a list in *res that FreeAddrInfo
// releases, or an EAI_* code (for gai_strerror). Hosts come from the hosts file first, then
// DNS, per resolv.conf's "lookup" order (c-ares' default "fb"); the hosts file is
// /etc/hosts, or the file named by the CARES_HOSTS environment variable.
// Supported hints: ai_family (AF_UNSPEC, AF_INET, AF_INET6), ai_socktype and ai_protocol (0
// gives one entry per socket type, stream, datagram and raw, as glibc does), ai_flags
// AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV, AI_V4MAPPED, AI_ALL and
// AI_ADDRCONFIG (accepted, not applied: every family asked for is returned).
int GetAddrInfo(const char* node, const char* service, const struct addrinfo* hints,
                struct addrinfo** res, const ResolverOptions& options);

// Releases a list from GetAddrInfo (nullptr is fine).
void FreeAddrInfo(struct addrinfo* list);

}  // namespace tfsdk::portable

#endif  // TFSDK_SRC_PORTABLE_RESOLVER_H_
