package main

import (
	_ "embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// fastifyTypesVersion is the Fastify a new project installs for its types.
const fastifyTypesVersion = "^5.12.8"

// initPackageJSON holds cookie at 1.x: Fastify 5.12's light-my-request
// depends on cookie 2, whose package.json asks for Node >= 22, so npm
// install warns EBADENGINE on Node 20; a project needs only Fastify's
// types, which cookie 1 serves as well.
const initPackageJSON = `{
  "name": %q,
  "version": "0.1.0",
  "private": true,
  "type": "module",
  "scripts": {
    "deploy": "tarsus push"
  },
  "devDependencies": {
    "fastify": %q
  },
  "overrides": {
    "cookie": "^1.1.1"
  }
}
`

const initTsconfig = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "ESNext",
    "moduleResolution": "Bundler",
    "strict": true,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["functions", "types"]
}
`

const initTarsusJSON = `{
  "functionsDir": "functions"
}
`

const initHello = `import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from "fastify";

// A Tarsus function is a Fastify route: options and a handler.
// Deployed, it answers POST /<your user>/hello:
//   tarsus invoke hello --data '{"name": "Ada"}'   →   {"message":"Hello, Ada!"}
const opts: RouteShorthandOptions = {
  schema: {
    response: {
      200: {
        type: "object",
        properties: { message: { type: "string" } },
      },
    },
  },
};

type Body = { name?: string } | undefined;

async function handler(request: FastifyRequest<{ Body: Body }>, reply: FastifyReply) {
  const name = request.body?.name ?? "world";
  return { message: ` + "`Hello, ${name}!`" + ` };
}

export default function () {
  return [opts, handler];
}
`

// tarsusTypes declares the tarsus:* modules for editors (types/tarsus.d.ts
// in a project).
//
//go:embed types/tarsus.d.ts
var tarsusTypes string

const initGitignore = `node_modules/
.tarsus/
`

// packageName makes a valid npm package name from a folder name.
func packageName(dir string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(filepath.Base(dir)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	name := strings.TrimLeft(b.String(), "._")
	if name == "" {
		return "tarsus-functions"
	}
	return name
}

func newInitCmd(e *env) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [dir]",
		Short: "Create a Node project for Tarsus functions",
		Long: `Create a Node project ready for tarsus push: package.json (Fastify as a dev
dependency, for its types), tsconfig.json, tarsus.json, functions/hello.ts,
types/tarsus.d.ts (the types of Tarsus's own modules, such as tarsus:kv) and
.gitignore. Existing files are left alone unless --force is given.

Each .ts/.js file under functions/ is one route; files and folders whose
name starts with "_" are shared modules (imported, never routes). Functions
may import npm packages: tarsus push bundles them on your machine.`,
		Example: `  tarsus init my-functions && cd my-functions && npm install && tarsus push`,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "."
			if len(args) == 1 {
				dir = args[0]
			}
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			files := []struct{ name, content string }{
				{"package.json", fmt.Sprintf(initPackageJSON, packageName(abs), fastifyTypesVersion)},
				{"tsconfig.json", initTsconfig},
				{"tarsus.json", initTarsusJSON},
				{"functions/hello.ts", initHello},
				{"types/tarsus.d.ts", tarsusTypes},
				{".gitignore", initGitignore},
			}
			if !force {
				var exist []string
				for _, f := range files {
					if _, err := os.Stat(filepath.Join(abs, filepath.FromSlash(f.name))); err == nil {
						exist = append(exist, f.name)
					} else if !errors.Is(err, fs.ErrNotExist) {
						return err
					}
				}
				if len(exist) > 0 {
					return fmt.Errorf("%s already has %s: use --force to overwrite", dir, strings.Join(exist, ", "))
				}
			}
			for _, f := range files {
				p := filepath.Join(abs, filepath.FromSlash(f.name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(p, []byte(f.content), 0o644); err != nil {
					return err
				}
			}
			fmt.Fprintf(e.stdout, "Created a Tarsus project in %s\n\nNext:\n", dir)
			if dir != "." {
				fmt.Fprintf(e.stdout, "  cd %s\n", dir)
			}
			fmt.Fprint(e.stdout, "  npm install\n")
			if c, err := loadCredentials(e); err == nil && c != nil && c.Server != "" {
				who := ""
				if c.User != "" {
					who = " as " + c.User
				}
				fmt.Fprintf(e.stdout, "  tarsus push                                  (you are logged in to %s%s)\n", c.Server, who)
			} else {
				fmt.Fprint(e.stdout, "  tarsus login --server http://localhost:3401   (once; your server's address)\n  tarsus push\n")
			}
			fmt.Fprint(e.stdout, "  tarsus invoke hello --data '{\"name\": \"Ada\"}'\n")
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files")
	return cmd
}
