package platform

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/tarsus/tarsus/store"
)

// Per-user quotas and the answers when one is hit:
//
//   - stored bytes (store.Config.MaxStoredBytes): the store drops the
//     oldest deployments to make room; when the deploy still does not fit
//     it is 507 TARSUS_QUOTA_STORAGE;
//   - the build output of one deploy (Config.MaxBuildBytes): 413
//     TARSUS_QUOTA_BUILD;
//   - console output per UTC day (Config.MaxLogBytesPerDay): further
//     console lines of the user are dropped until the day ends, and one
//     system line says so (the count is in memory: a restart starts it
//     again);
//   - live log streams (Config.MaxLogFollowers): 429 TARSUS_QUOTA_FOLLOWERS.
//
// Every message names the limit and the current use.

// quotaErr maps the store's *QuotaError to the API's answer.
func quotaErr(err error, user string) error {
	var qe *store.QuotaError
	if !errors.As(err, &qe) {
		return nil
	}
	return errf(507, "TARSUS_QUOTA_STORAGE",
		"the deploy would store %s more, and %s already stores %s of the limit of %s per user (sources, bundles and source maps of the live and the kept deployments, compressed): delete files or make bundles smaller; older deployments were already dropped as far as possible",
		sizeText(qe.Adding), user, sizeText(qe.Used), sizeText(qe.Limit))
}

// buildQuota checks the bundles and maps a deploy built against
// Config.MaxBuildBytes.
func (p *Platform) buildQuota(routes int, bytes int64) error {
	if p.cfg.MaxBuildBytes <= 0 || bytes <= p.cfg.MaxBuildBytes {
		return nil
	}
	return errf(413, "TARSUS_QUOTA_BUILD",
		"the build output of this deploy is %s (bundles and source maps of %d routes); the limit is %s per deploy: deploy fewer routes at once, or import less into each",
		sizeText(bytes), routes, sizeText(p.cfg.MaxBuildBytes))
}

// sizeText writes a byte count for people: "812 bytes", "3.4 MiB".
func sizeText(n int64) string {
	switch {
	case n < 1<<10:
		return strconv.FormatInt(n, 10) + " bytes"
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
}

// StoredBytes is what the user's kept deployments take in the store.
func (p *Platform) StoredBytes(ctx context.Context, user string) (int64, error) {
	n, err := p.store.StoredBytes(ctx, user)
	return n, storeErr(err, "user "+user)
}
