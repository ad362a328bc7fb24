// Uses the installed public headers and library exactly as a provider author would.
#include <iostream>

#include <tfsdk/type.h>
#include <tfsdk/value.h>

int main() {
  std::cout << tfsdk::Type::List(tfsdk::Type::String()).FriendlyName() << "\n";
  return 0;
}
