package fastify

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"testing"
)

type ajvVector struct {
	Name         string `json:"name"`
	Schema       string `json:"schema"`
	CompileError string `json:"compileError"`
	Data         string `json:"data"`
	Valid        bool   `json:"valid"`
	Result       string `json:"result"`
	Errors       string `json:"errors"`
	Message      string `json:"message"`
}

func loadVectors[T any](t testing.TB, name string) []T {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var v []T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v) == 0 {
		t.Fatalf("%s holds no vectors", name)
	}
	return v
}

func mustParse(t testing.TB, s string) any {
	t.Helper()
	v, err := ParseJSON([]byte(s))
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

func TestAjvVectors(t *testing.T) {
	for _, vec := range loadVectors[ajvVector](t, "ajv_vectors.json") {
		t.Run(vec.Name, func(t *testing.T) {
			v, err := CompileValidator([]byte(vec.Schema))
			if vec.CompileError != "" {
				if err == nil {
					t.Fatalf("schema %s compiled; Ajv says %q", vec.Schema, vec.CompileError)
				}
				return
			}
			if err != nil {
				t.Fatalf("compile %s: %v", vec.Schema, err)
			}
			data := mustParse(t, vec.Data)
			res, verr := v.Validate(data)
			if got := string(AppendJSON(nil, res)); got != vec.Result {
				t.Errorf("data after validation\n got %s\nwant %s", got, vec.Result)
			}
			if vec.Valid {
				if verr != nil {
					t.Fatalf("schema %s data %s: unexpected error %q", vec.Schema, vec.Data, verr.FastifyMessage("body"))
				}
				return
			}
			if verr == nil {
				t.Fatalf("schema %s data %s: valid, want %q", vec.Schema, vec.Data, vec.Message)
			}
			if got := verr.FastifyMessage("body"); got != vec.Message {
				t.Errorf("schema %s data %s\nmessage  %q\nwant     %q", vec.Schema, vec.Data, got, vec.Message)
			}
			if got := string(AppendJSON(nil, verr.AjvErrors())); got != vec.Errors {
				t.Errorf("schema %s data %s\nerrors %s\nwant   %s", vec.Schema, vec.Data, got, vec.Errors)
			}
		})
	}
}

type parseVector struct {
	Name   string  `json:"name"`
	Input  string  `json:"input"`
	Result *string `json:"result"`
	Error  string  `json:"error"`
}

func TestParseVectors(t *testing.T) {
	for _, vec := range loadVectors[parseVector](t, "parse_vectors.json") {
		t.Run(vec.Name, func(t *testing.T) {
			in, err := base64.StdEncoding.DecodeString(vec.Input)
			if err != nil {
				t.Fatal(err)
			}
			v, err := ParseJSON(in)
			if vec.Error != "" {
				if err == nil {
					t.Fatalf("input %q parsed to %s; want error %q", in, AppendJSON(nil, v), vec.Error)
				}
				if err.Error() != vec.Error {
					t.Fatalf("input %q\n got %q\nwant %q", in, err.Error(), vec.Error)
				}
				return
			}
			if err != nil {
				t.Fatalf("input %q: %v", in, err)
			}
			if got := string(AppendJSON(nil, v)); vec.Result == nil || got != *vec.Result {
				t.Fatalf("input %q\n got %s\nwant %v", in, got, *vec.Result)
			}
		})
	}
}

type fjsVector struct {
	Name         string  `json:"name"`
	Schema       string  `json:"schema"`
	CompileError string  `json:"compileError"`
	Data         string  `json:"data"`
	Output       *string `json:"output"`
	Error        string  `json:"error"`
}

// reviveDates turns {"$date": iso} objects (the generator's encoding of
// JavaScript Dates) into time.Time values.
func reviveDates(t testing.TB, v any) any {
	switch x := v.(type) {
	case *Object:
		if x.Len() == 1 && x.Members[0].Key == "$date" {
			s, _ := x.Members[0].Value.(string)
			tm, err := parseJSDate(s)
			if err != nil {
				t.Fatalf("bad date %q: %v", s, err)
			}
			return tm
		}
		for i := range x.Members {
			x.Members[i].Value = reviveDates(t, x.Members[i].Value)
		}
	case []any:
		for i := range x {
			x[i] = reviveDates(t, x[i])
		}
	}
	return v
}

func TestFJSVectors(t *testing.T) {
	for _, vec := range loadVectors[fjsVector](t, "fjs_vectors.json") {
		t.Run(vec.Name, func(t *testing.T) {
			s, err := CompileSerializer([]byte(vec.Schema))
			if vec.CompileError != "" {
				if err == nil {
					t.Fatalf("schema %s compiled; fast-json-stringify says %q", vec.Schema, vec.CompileError)
				}
				return
			}
			if err != nil {
				t.Fatalf("compile %s: %v", vec.Schema, err)
			}
			data := reviveDates(t, mustParse(t, vec.Data))
			out, err := s.Append([]byte("prefix"), data)
			if vec.Error != "" {
				if err == nil {
					t.Fatalf("schema %s data %s: got %s, want error %q", vec.Schema, vec.Data, out, vec.Error)
				}
				if err.Error() != vec.Error {
					t.Fatalf("schema %s data %s\nerror %q\nwant  %q", vec.Schema, vec.Data, err.Error(), vec.Error)
				}
				if string(out) != "prefix" {
					t.Fatalf("dst changed on error: %q", out)
				}
				return
			}
			if err != nil {
				t.Fatalf("schema %s data %s: %v (want %s)", vec.Schema, vec.Data, err, *vec.Output)
			}
			if got := string(out[len("prefix"):]); got != *vec.Output {
				t.Fatalf("schema %s data %s\n got %s\nwant %s", vec.Schema, vec.Data, got, *vec.Output)
			}
		})
	}
}
