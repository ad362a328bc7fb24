terraform {
  required_providers {
    local = {
      source  = "tfsdk/local"
      version = "0.1.0"
    }
  }
}

# The provider has no settings.
provider "local" {}
