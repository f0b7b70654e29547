/*
 * srmgap: gap assessment of a SaaS customer's duties under a shared
 * responsibility model. This header includes the whole public API.
 */
#ifndef SRMGAP_H
#define SRMGAP_H

#include "srmgap/common.h"
#include "srmgap/model.h"
#include "srmgap/catalog.h"
#include "srmgap/answer.h"
#include "srmgap/store.h"
#include "srmgap/import.h"
#include "srmgap/score.h"
#include "srmgap/report.h"
#include "srmgap/audit.h"

#endif
