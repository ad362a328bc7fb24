// Copyright tfsdk authors. Licensed under the Apache License, Version 2.0.
//
// Umbrella header for provider authors: everything needed to write and serve a provider.
// SDK code itself includes the specific headers.
#ifndef TFSDK_TFSDK_H_
#define TFSDK_TFSDK_H_

#include "tfsdk/action.h"
#include "tfsdk/attributes.h"
#include "tfsdk/cancellation.h"
#include "tfsdk/convert.h"
#include "tfsdk/data_source.h"
#include "tfsdk/diagnostics.h"
#include "tfsdk/ephemeral_resource.h"
#include "tfsdk/function.h"
#include "tfsdk/log.h"
#include "tfsdk/model.h"
#include "tfsdk/number.h"
#include "tfsdk/path.h"
#include "tfsdk/plan_modifier.h"
#include "tfsdk/plan_modifiers.h"
#include "tfsdk/private_state.h"
#include "tfsdk/provider.h"
#include "tfsdk/provider_data.h"
#include "tfsdk/resource.h"
#include "tfsdk/schema.h"
#include "tfsdk/serve.h"
#include "tfsdk/state_store.h"
#include "tfsdk/timeouts.h"
#include "tfsdk/type.h"
#include "tfsdk/validator.h"
#include "tfsdk/validators.h"
#include "tfsdk/value.h"

#endif  // TFSDK_TFSDK_H_
