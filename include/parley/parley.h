/*
 * parley/parley.h — the umbrella header: include this to use libparley.
 */
#ifndef PARLEY_PARLEY_H
#define PARLEY_PARLEY_H

#include "common.h"
#include "scenario.h"
#include "utility.h"
#include "eval.h"
#include "ratify.h"
#include "space.h"
#include "transfer.h"
#include "io.h"
#include "forecast.h"
#include "sim.h"
#include "store.h"

#endif
