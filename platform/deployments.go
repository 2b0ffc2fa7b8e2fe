package platform

import (
	"context"
	"fmt"
	"time"

	"github.com/tarsus/tarsus/store"
)

// Deployment is one entry of a user's deploy history.
type Deployment struct {
	ID         string       `json:"id"`
	Version    int64        `json:"version"`
	CreatedAt  time.Time    `json:"createdAt"`
	By         string       `json:"by"`
	Via        string       `json:"via"`
	Files      store.Change `json:"files"`
	RollbackOf string       `json:"rollbackOf,omitempty"`
}

func deploymentOf(d store.Deployment) Deployment {
	ch := d.Files
	if ch.Added == nil {
		ch.Added = []string{}
	}
	if ch.Changed == nil {
		ch.Changed = []string{}
	}
	if ch.Removed == nil {
		ch.Removed = []string{}
	}
	return Deployment{ID: d.ID, Version: d.Version, CreatedAt: d.CreatedAt, By: d.By, Via: d.Via, Files: ch, RollbackOf: d.RollbackOf}
}

// Deployments lists a user's deploys, newest first.
func (p *Platform) Deployments(ctx context.Context, user string) ([]Deployment, error) {
	ds, err := p.store.Deployments(ctx, user)
	if err != nil {
		return nil, storeErr(err, "user "+user)
	}
	out := make([]Deployment, len(ds))
	for i, d := range ds {
		out[i] = deploymentOf(d)
	}
	return out, nil
}

// Rollback makes the tree of deployment id live again, as a new deployment.
func (p *Platform) Rollback(ctx context.Context, user, id, by string) (*DeployResult, error) {
	start := time.Now()
	mu := p.userLock(user)
	mu.Lock()
	defer mu.Unlock()
	tree, dep, err := p.store.Rollback(ctx, user, id, by)
	if err != nil {
		return nil, storeErr(err, "deployment "+id)
	}
	// Reuse what is compiled, and compile the rest now, so the rollback is
	// live when this returns.
	if err := p.publishTree(ctx, user, tree); err != nil {
		return nil, err
	}
	res := &DeployResult{Version: tree.Version, Deployment: dep.ID, BuildMs: ms(time.Since(start))}
	add := func(paths []string, status string) {
		for _, path := range paths {
			fr := FileResult{Path: path, Status: status, Sizes: tree.Files[path].Sizes}
			res.Files = append(res.Files, fr)
		}
	}
	add(dep.Files.Added, "added")
	add(dep.Files.Changed, "changed")
	add(dep.Files.Removed, "removed")
	p.metrics.deploys.WithLabelValues("ok").Inc()
	p.logs.system(user, fmt.Sprintf("rolled back to deployment %s as version %d by %s", id, tree.Version, by))
	return res, nil
}
