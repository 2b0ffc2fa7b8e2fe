//go:build tools

package tools

import (
	_ "github.com/dgraph-io/badger/v4"
	_ "github.com/dlclark/regexp2/v2"
	_ "github.com/dop251/goja"
	_ "github.com/dop251/goja_nodejs/buffer"
	_ "github.com/dop251/goja_nodejs/require"
	_ "github.com/dop251/goja_nodejs/url"
	_ "github.com/evanw/esbuild/pkg/api"
	_ "github.com/gofiber/fiber/v2"
	_ "github.com/klauspost/compress/zstd"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/spf13/cobra"
	_ "golang.org/x/crypto/bcrypt"
)
