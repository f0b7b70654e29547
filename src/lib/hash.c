/*
 * SHA-256 through OpenSSL's libcrypto: content hashes of model snapshots.
 * Strings are hashed with a length prefix so that field boundaries count.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "hash_int.h"

struct srmgap_hash {
	EVP_MD_CTX *ctx;
	int failed;
};

srmgap_hash *srmgap_hash__new(void)
{
	srmgap_hash *h = calloc(1, sizeof(*h));

	if (h == NULL)
		return NULL;
	h->ctx = EVP_MD_CTX_new();
	if (h->ctx == NULL || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(h->ctx);
		free(h);
		return NULL;
	}
	return h;
}

void srmgap_hash__str(srmgap_hash *h, const char *s)
{
	unsigned char len[8];
	size_t n = s ? strlen(s) : 0;
	int i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)((uint64_t)n >> (8 * i));
	if (EVP_DigestUpdate(h->ctx, len, sizeof(len)) != 1 ||
	    (n > 0 && EVP_DigestUpdate(h->ctx, s, n) != 1))
		h->failed = 1;
}

static void to_hex(const unsigned char *md, unsigned n, char *out)
{
	unsigned i;

	for (i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int srmgap_hash__finish(srmgap_hash *h, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	int rc = -1;

	if (h == NULL)
		return -1;
	if (!h->failed && EVP_DigestFinal_ex(h->ctx, md, &n) == 1 && n == 32) {
		to_hex(md, n, out);
		rc = 0;
	}
	EVP_MD_CTX_free(h->ctx);
	free(h);
	return rc;
}
