// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
#include "src/portable/resolver.h"

#include <ares.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

namespace tfsdk::portable {
namespace {

// Kept as long as the process: c-ares' global state (nothing to do on Linux but counted).
int LibraryInit() {
  static const int status = ares_library_init(ARES_LIB_INIT_ALL);
  return status;
}

int FromAresStatus(int status) {
  switch (status) {
    case ARES_SUCCESS:
      return 0;
    case ARES_ENOTFOUND:
    case ARES_ENODATA:
    case ARES_ENONAME:
    case ARES_EBADNAME:
      return EAI_NONAME;
    case ARES_ETIMEOUT:
    case ARES_ECONNREFUSED:
    case ARES_ESERVFAIL:
    case ARES_EREFUSED:
      return EAI_AGAIN;
    case ARES_ENOMEM:
      return EAI_MEMORY;
    case ARES_EBADFAMILY:
      return EAI_FAMILY;
    case ARES_EBADFLAGS:
    case ARES_EBADHINTS:
      return EAI_BADFLAGS;
    case ARES_ESERVICE:
      return EAI_SERVICE;
    default:
      return EAI_FAIL;
  }
}

bool IsNumber(const char* s) {
  if (*s == '\0') return false;
  for (; *s != '\0'; ++s) {
    if (*s < '0' || *s > '9') return false;
  }
  return true;
}

// The port of a service name from a services(5) file ("https 443/tcp ..."), for the protocol
// of `socktype` (any protocol when 0). -1 when not found.
int LookUpService(const std::string& path, const std::string& name, int socktype) {
  std::ifstream in(path.empty() ? "/etc/services" : path);
  std::string line;
  while (std::getline(in, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string service, port_proto;
    if (!(words >> service >> port_proto)) continue;
    auto slash = port_proto.find('/');
    if (slash == std::string::npos) continue;
    std::string proto = port_proto.substr(slash + 1);
    if ((socktype == SOCK_STREAM && proto != "tcp") || (socktype == SOCK_DGRAM && proto != "udp")) {
      continue;
    }
    bool match = service == name;
    for (std::string alias; !match && words >> alias;) match = alias == name;
    if (!match) continue;
    int port = std::atoi(port_proto.substr(0, slash).c_str());
    if (port > 0 && port < 65536) return port;
  }
  return -1;
}

// Whether `node` is an IPv4 address (any inet_aton form, as glibc accepts) or an IPv6 one
// (with an optional %scope).
bool IsNumericAddress(const char* node) {
  struct in_addr v4;
  if (inet_aton(node, &v4) != 0) return true;
  std::string text(node);
  if (auto percent = text.find('%'); percent != std::string::npos) text.resize(percent);
  struct in6_addr v6;
  return inet_pton(AF_INET6, text.c_str(), &v6) == 1;
}

struct Wanted {
  int socktype;
  int protocol;
};

// The (socket type, protocol) pairs one address expands to, as glibc expands them.
std::vector<Wanted> SocketTypes(const struct addrinfo& hints) {
  if (hints.ai_socktype != 0) {
    int protocol = hints.ai_protocol;
    if (protocol == 0 && hints.ai_socktype == SOCK_STREAM) protocol = IPPROTO_TCP;
    if (protocol == 0 && hints.ai_socktype == SOCK_DGRAM) protocol = IPPROTO_UDP;
    return {{hints.ai_socktype, protocol}};
  }
  if (hints.ai_protocol == IPPROTO_TCP) return {{SOCK_STREAM, IPPROTO_TCP}};
  if (hints.ai_protocol == IPPROTO_UDP) return {{SOCK_DGRAM, IPPROTO_UDP}};
  return {{SOCK_STREAM, IPPROTO_TCP}, {SOCK_DGRAM, IPPROTO_UDP}, {SOCK_RAW, 0}};
}

// One list node and its address in one allocation (FreeAddrInfo frees both at once).
struct addrinfo* NewNode(const struct sockaddr* addr, socklen_t len, int family,
                         const Wanted& type, int flags) {
  void* block = std::calloc(1, sizeof(struct addrinfo) + sizeof(struct sockaddr_storage));
  if (block == nullptr) return nullptr;
  auto* node = static_cast<struct addrinfo*>(block);
  auto* storage = reinterpret_cast<struct sockaddr*>(static_cast<char*>(block) +
                                                     sizeof(struct addrinfo));
  std::memcpy(storage, addr, len);
  node->ai_flags = flags;
  node->ai_family = family;
  node->ai_socktype = type.socktype;
  node->ai_protocol = type.protocol;
  node->ai_addrlen = len;
  node->ai_addr = storage;
  return node;
}

// Builds the result for a null node: the wildcard address with AI_PASSIVE, else loopback.
int NullNodeResult(const struct addrinfo& hints, int port, struct addrinfo** res) {
  struct addrinfo* head = nullptr;
  struct addrinfo** tail = &head;
  bool passive = (hints.ai_flags & AI_PASSIVE) != 0;
  // glibc lists IPv6 first for AF_UNSPEC.
  for (int family : {AF_INET6, AF_INET}) {
    if (hints.ai_family != AF_UNSPEC && hints.ai_family != family) continue;
    struct sockaddr_storage ss {};
    socklen_t len;
    if (family == AF_INET6) {
      auto* sin6 = reinterpret_cast<struct sockaddr_in6*>(&ss);
      sin6->sin6_family = AF_INET6;
      sin6->sin6_port = htons(static_cast<uint16_t>(port));
      sin6->sin6_addr = passive ? in6addr_any : in6addr_loopback;
      len = sizeof(*sin6);
    } else {
      auto* sin = reinterpret_cast<struct sockaddr_in*>(&ss);
      sin->sin_family = AF_INET;
      sin->sin_port = htons(static_cast<uint16_t>(port));
      sin->sin_addr.s_addr = htonl(passive ? INADDR_ANY : INADDR_LOOPBACK);
      len = sizeof(*sin);
    }
    for (const Wanted& type : SocketTypes(hints)) {
      struct addrinfo* node =
          NewNode(reinterpret_cast<struct sockaddr*>(&ss), len, family, type, hints.ai_flags);
      if (node == nullptr) {
        FreeAddrInfo(head);
        return EAI_MEMORY;
      }
      *tail = node;
      tail = &node->ai_next;
    }
  }
  if (head == nullptr) return EAI_FAMILY;
  *res = head;
  return 0;
}

struct Query {
  bool done = false;
  int status = ARES_SUCCESS;
  struct ares_addrinfo* result = nullptr;
};

void OnResult(void* arg, int status, int /*timeouts*/, struct ares_addrinfo* result) {
  auto* query = static_cast<Query*>(arg);
  query->done = true;
  query->status = status;
  query->result = result;
}

// Drives the channel until the query completes: poll(2) on c-ares' sockets (no FD_SETSIZE
// limit, unlike ares_fds/select), with c-ares' own timeouts.
void RunUntilDone(ares_channel channel, Query& query) {
  while (!query.done) {
    ares_socket_t socks[ARES_GETSOCK_MAXNUM];
    int bits = ares_getsock(channel, socks, ARES_GETSOCK_MAXNUM);
    std::vector<struct pollfd> fds;
    for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
      short events = 0;
      if (ARES_GETSOCK_READABLE(bits, i)) events |= POLLIN;
      if (ARES_GETSOCK_WRITABLE(bits, i)) events |= POLLOUT;
      if (events != 0) fds.push_back({socks[i], events, 0});
    }
    struct timeval tv {};
    struct timeval* wait = ares_timeout(channel, nullptr, &tv);
    int timeout_ms = wait == nullptr ? 1000 : static_cast<int>(wait->tv_sec * 1000 + wait->tv_usec / 1000);
    int ready = poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0 && errno != EINTR) {
      ares_cancel(channel);  // completes the query with ARES_ECANCELLED
      continue;
    }
    if (ready <= 0) {
      ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // timeouts
      continue;
    }
    for (const struct pollfd& fd : fds) {
      ares_socket_t r = (fd.revents & (POLLIN | POLLERR | POLLHUP)) ? fd.fd : ARES_SOCKET_BAD;
      ares_socket_t w = (fd.revents & (POLLOUT | POLLERR | POLLHUP)) ? fd.fd : ARES_SOCKET_BAD;
      if (r != ARES_SOCKET_BAD || w != ARES_SOCKET_BAD) ares_process_fd(channel, r, w);
    }
  }
}

// Converts c-ares' result to getaddrinfo's list, one node per address and socket type.
int ToAddrInfo(const struct ares_addrinfo& result, const struct addrinfo& hints,
               struct addrinfo** res) {
  struct addrinfo* head = nullptr;
  struct addrinfo** tail = &head;
  for (const struct ares_addrinfo_node* n = result.nodes; n != nullptr; n = n->ai_next) {
    if (n->ai_addr == nullptr || n->ai_addrlen > sizeof(struct sockaddr_storage)) continue;
    // c-ares answers each address once per socket type it was asked for; ask it for one
    // type (below) and expand here, so the list has glibc's shape.
    for (const Wanted& type : SocketTypes(hints)) {
      struct addrinfo* node =
          NewNode(n->ai_addr, n->ai_addrlen, n->ai_family, type, hints.ai_flags);
      if (node == nullptr) {
        FreeAddrInfo(head);
        return EAI_MEMORY;
      }
      *tail = node;
      tail = &node->ai_next;
    }
  }
  if (head == nullptr) return EAI_NONAME;
  if ((hints.ai_flags & AI_CANONNAME) != 0) {
    const char* canonical = result.name;
    for (const struct ares_addrinfo_cname* c = result.cnames; c != nullptr; c = c->next) {
      if (c->next == nullptr && c->name != nullptr) canonical = c->name;
    }
    if (canonical != nullptr) {
      head->ai_canonname = strdup(canonical);
      if (head->ai_canonname == nullptr) {
        FreeAddrInfo(head);
        return EAI_MEMORY;
      }
    }
  }
  *res = head;
  return 0;
}

}  // namespace

int GetAddrInfo(const char* node, const char* service, const struct addrinfo* hints,
                struct addrinfo** res, const ResolverOptions& options) {
  if (res == nullptr) return EAI_FAIL;
  *res = nullptr;
  struct addrinfo h {};
  if (hints != nullptr) {
    h.ai_flags = hints->ai_flags;
    h.ai_family = hints->ai_family;
    h.ai_socktype = hints->ai_socktype;
    h.ai_protocol = hints->ai_protocol;
  } else {
    h.ai_flags = AI_V4MAPPED | AI_ADDRCONFIG;  // glibc's defaults without hints
  }
  constexpr int kKnownFlags = AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV |
                              AI_V4MAPPED | AI_ALL | AI_ADDRCONFIG;
  if ((h.ai_flags & ~kKnownFlags) != 0) return EAI_BADFLAGS;
  if (h.ai_family != AF_UNSPEC && h.ai_family != AF_INET && h.ai_family != AF_INET6) {
    return EAI_FAMILY;
  }
  if ((node == nullptr || *node == '\0') && (service == nullptr || *service == '\0')) {
    return EAI_NONAME;
  }
  if ((h.ai_flags & AI_CANONNAME) != 0 && node == nullptr) return EAI_BADFLAGS;

  // The port: numeric, or from the services file (c-ares would ask NSS's getservbyname).
  int port = 0;
  if (service != nullptr && *service != '\0') {
    if (IsNumber(service)) {
      long value = std::strtol(service, nullptr, 10);
      if (value > 65535) return EAI_SERVICE;
      port = static_cast<int>(value);
    } else {
      if ((h.ai_flags & AI_NUMERICSERV) != 0) return EAI_NONAME;
      port = LookUpService(options.services, service, h.ai_socktype);
      if (port < 0) return EAI_SERVICE;
    }
  }
  if (node == nullptr || *node == '\0') return NullNodeResult(h, port, res);
  if ((h.ai_flags & AI_NUMERICHOST) != 0 && !IsNumericAddress(node)) {
    return EAI_NONAME;  // c-ares 1.18 would look the name up regardless of the flag
  }

  if (int status = LibraryInit(); status != ARES_SUCCESS) return FromAresStatus(status);
  struct ares_options opts {};
  int optmask = 0;
  if (!options.resolv_conf.empty()) {
    opts.resolvconf_path = const_cast<char*>(options.resolv_conf.c_str());
    optmask |= ARES_OPT_RESOLVCONF;
  }
  if (options.timeout_ms > 0) {
    opts.timeout = options.timeout_ms;
    optmask |= ARES_OPT_TIMEOUTMS;
  }
  ares_channel channel = nullptr;
  if (int status = ares_init_options(&channel, &opts, optmask); status != ARES_SUCCESS) {
    return FromAresStatus(status);
  }

  if (!options.dns_servers.empty()) {
    if (int status = ares_set_servers_ports_csv(channel, options.dns_servers.c_str());
        status != ARES_SUCCESS) {
      ares_destroy(channel);
      return FromAresStatus(status);
    }
  }

  struct ares_addrinfo_hints ah {};
  ah.ai_family = h.ai_family;
  ah.ai_socktype = SOCK_STREAM;  // one answer per address; ToAddrInfo expands the types
  ah.ai_flags = ARES_AI_ENVHOSTS | ARES_AI_NUMERICSERV;
  if ((h.ai_flags & AI_CANONNAME) != 0) ah.ai_flags |= ARES_AI_CANONNAME;
  if ((h.ai_flags & AI_NUMERICHOST) != 0) ah.ai_flags |= ARES_AI_NUMERICHOST;
  if ((h.ai_flags & AI_PASSIVE) != 0) ah.ai_flags |= ARES_AI_PASSIVE;
  if ((h.ai_flags & AI_V4MAPPED) != 0 && h.ai_family == AF_INET6) {
    ah.ai_flags |= ARES_AI_V4MAPPED;
  }
  if ((h.ai_flags & AI_ALL) != 0 && h.ai_family == AF_INET6) ah.ai_flags |= ARES_AI_ALL;
  const std::string port_text = std::to_string(port);

  Query query;
  const bool has_service = service != nullptr && *service != '\0';
  ares_getaddrinfo(channel, node, has_service ? port_text.c_str() : nullptr, &ah, OnResult,
                   &query);
  RunUntilDone(channel, query);
  int rc = FromAresStatus(query.status);
  if (rc == 0 && query.result != nullptr) {
    rc = ToAddrInfo(*query.result, h, res);
  } else if (rc == 0) {
    rc = EAI_NONAME;
  }
  if (query.result != nullptr) ares_freeaddrinfo(query.result);
  ares_destroy(channel);
  return rc;
}

void FreeAddrInfo(struct addrinfo* list) {
  while (list != nullptr) {
    struct addrinfo* next = list->ai_next;
    std::free(list->ai_canonname);
    std::free(list);  // the address lives in the same block
    list = next;
  }
}

}  // namespace tfsdk::portable
