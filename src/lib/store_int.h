/*
 * What the import code needs from the store beyond the public API: the
 * SQLite handle and error conversion. Internal to the library.
 */
#ifndef SRMGAP_STORE_INT_H
#define SRMGAP_STORE_INT_H

#include <sqlite3.h>

#include "srmgap/store.h"

sqlite3 *srmgap_store__db(srmgap_store *s);
int srmgap_store__in_tx(srmgap_store *s);

/* Record the database's current error message in `err`; returns SRMGAP_EDB. */
int srmgap_store__error(srmgap_store *s, srmgap_error *err, const char *what);

/* UTC timestamp "YYYY-MM-DDTHH:MM:SSZ" into buf (at least 21 bytes). */
void srmgap_store__now(char *buf);

#endif
