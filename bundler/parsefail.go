package bundler

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// parseFailure is the Error for a bundle the runtime cannot parse even
// with the fallback lowering: placed at the user's (or the package's) line
// the failing bundle position maps back to, when the build has a source
// map and the parser's message has a position ("Line 3:14"), at the entry
// otherwise.
func parseFailure(entry, srcPrefix string, res api.BuildResult, err error) Error {
	e := Error{File: entry, Text: "the runtime (goja) cannot parse the code built from here, though it is valid JavaScript; rewrite it another way: " + err.Error()}
	m := lineColRe.FindStringSubmatch(err.Error())
	if m == nil {
		return e
	}
	line, _ := strconv.Atoi(m[1])
	col, _ := strconv.Atoi(m[2])
	for _, f := range res.OutputFiles {
		if !strings.HasSuffix(f.Path, ".map") {
			continue
		}
		var sm sourceMap
		if json.Unmarshal(f.Contents, &sm) != nil {
			return e
		}
		if src, l, c, ok := originalPosition(sm.Mappings, line-1, col-1); ok && src < len(sm.Sources) {
			e.File = strings.TrimPrefix(sm.Sources[src], srcPrefix)
			e.Line, e.Column = l+1, c+1
		}
	}
	return e
}

// lineColRe finds goja's parser position ("Line 1:8264") in its message.
var lineColRe = regexp.MustCompile(`Line (\d+):(\d+)`)

// originalPosition returns the source index and 0-based original line and
// column of the last mapping segment at or before the 0-based generated
// line and column, from a source map's "mappings".
func originalPosition(mappings string, line, col int) (src, oLine, oCol int, ok bool) {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	var s, ol, oc int
	for l, group := range strings.Split(mappings, ";") {
		if l > line {
			break
		}
		gc := 0
		for seg := range strings.SplitSeq(group, ",") {
			if seg == "" {
				continue
			}
			var fields [5]int
			n, val, shift := 0, 0, 0
			for i := 0; i < len(seg) && n < 5; i++ {
				d := strings.IndexByte(alphabet, seg[i])
				if d < 0 {
					return 0, 0, 0, false
				}
				val += (d & 31) << shift
				if d&32 != 0 {
					shift += 5
					continue
				}
				if val&1 != 0 {
					fields[n] = -(val >> 1)
				} else {
					fields[n] = val >> 1
				}
				n, val, shift = n+1, 0, 0
			}
			gc += fields[0]
			if n < 4 {
				continue
			}
			s, ol, oc = s+fields[1], ol+fields[2], oc+fields[3]
			if l < line || gc <= col {
				src, oLine, oCol, ok = s, ol, oc, true
			}
		}
	}
	return src, oLine, oCol, ok
}
