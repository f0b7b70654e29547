/*
 * SHA-256 (through libcrypto) over sequences of strings: the content
 * hashes of model snapshots. Internal to the library.
 */
#ifndef SRMGAP_HASH_INT_H
#define SRMGAP_HASH_INT_H

/* SHA-256 over a sequence of length-prefixed strings. */
typedef struct srmgap_hash srmgap_hash;
srmgap_hash *srmgap_hash__new(void);
/*
 * Adds the length, then the bytes, so ("ab","c") and ("a","bc")
 * differ. NULL counts as "".
 */
void srmgap_hash__str(srmgap_hash *h, const char *s);
/* Writes 64 hex digits and a NUL, frees `h`. Returns 0 or -1. */
int srmgap_hash__finish(srmgap_hash *h, char out[65]);

#endif
