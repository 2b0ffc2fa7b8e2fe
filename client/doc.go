// Package client is a typed Go client of the Tarsus HTTP API (see the
// README's API section): login and users, functions, atomic deploys with
// pre-built bundles, the manifest, deployments and rollback, logs (also
// followed live), stats, and invoking functions.
//
// It uses net/http only. Every method takes a context; API errors come back
// as *Error, which carries the server's code and, for a failed deploy, the
// problems per file with their positions.
//
//	c, err := client.New(client.Config{URL: "http://localhost:3401", Token: tok})
//	me, err := c.Me(ctx)
//	res, err := c.Deploy(ctx, client.DeployRequest{Files: files, Prune: true})
package client
