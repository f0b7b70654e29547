/*
 * Catalogs: folders holding controls/<model-id>/ (the model files) and
 * questionnaires/<model-id>[.<variant>].csv. A catalog path is an ordered
 * list of such folders; the first one that has a model wins, so a user's
 * own catalog can override a bundled model of the same id.
 */
#ifndef SRMGAP_CATALOG_H
#define SRMGAP_CATALOG_H

#include "common.h"
#include "model.h"

typedef struct srmgap_catalog {
	char **dirs;
	size_t ndirs;
} srmgap_catalog;

/* An empty path; release it with srmgap_catalog_release(). */
void srmgap_catalog_init(srmgap_catalog *c);
void srmgap_catalog_release(srmgap_catalog *c);

/*
 * Append the folders of `list` (separated by ':') that exist; folders
 * already on the path are skipped. NULL or "" adds nothing. Returns
 * SRMGAP_OK or SRMGAP_ENOMEM.
 */
int srmgap_catalog_add(srmgap_catalog *c, const char *list);

/*
 * As srmgap_catalog_add(), for folders a user named: each must exist,
 * else SRMGAP_ENOTFOUND ("no catalog folder '...'") and the ones before
 * it stay on the path.
 */
int srmgap_catalog_require(srmgap_catalog *c, const char *list,
	srmgap_error *err);

typedef struct srmgap_catalog_entry {
	char *id;       /* model id */
	char *dir;      /* catalog folder that holds it */
	char **variants;/* questionnaire variants; "" is the default one */
	size_t nvariants;
} srmgap_catalog_entry;

/*
 * List the models on the path, sorted by id, first folder winning. The
 * caller frees the array with srmgap_catalog_entries_free().
 */
int srmgap_catalog_list(srmgap_catalog_entry **out, size_t *count,
	const srmgap_catalog *c, srmgap_error *err);
void srmgap_catalog_entries_free(srmgap_catalog_entry *e, size_t count);

/*
 * The folder of model `id` (<catalog>/controls/<id>) in the first catalog
 * folder that has it, in *dir (the caller frees it). SRMGAP_ENOTFOUND
 * when none has, SRMGAP_EUSAGE for an id that cannot name a model.
 */
int srmgap_catalog_find(char **dir, const srmgap_catalog *c, const char *id,
	srmgap_error *err);

/*
 * Load model `id` with its questionnaire (`variant` NULL or "" for the
 * default one) from the first catalog folder that has the model. Problems
 * in the files go to `d`; returns SRMGAP_EINVALID when there was any
 * error, SRMGAP_ENOTFOUND when no folder has the model or the variant.
 * On success *out is the caller's to free with srmgap_model_free().
 */
int srmgap_catalog_load(srmgap_model **out, const srmgap_catalog *c,
	const char *id, const char *variant, srmgap_diags *d, srmgap_error *err);

/*
 * Load a model folder and, when `questionnaire` is not NULL, that
 * questionnaire file. Same results as srmgap_catalog_load().
 */
int srmgap_model_load_files(srmgap_model **out, const char *model_dir,
	const char *questionnaire, srmgap_diags *d, srmgap_error *err);

/*
 * Validate `path`: a model folder (with the questionnaires beside it in
 * its catalog), a questionnaire file (with its model), or a whole catalog
 * folder. All problems go to `d`. Returns SRMGAP_OK, SRMGAP_EINVALID or
 * SRMGAP_ENOTFOUND (path is none of these).
 */
int srmgap_catalog_validate(const srmgap_catalog *c, const char *path,
	srmgap_diags *d, srmgap_error *err);

#endif
