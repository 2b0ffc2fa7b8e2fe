package fastify

import "testing"

type httpVector struct {
	Name        string  `json:"name"`
	Schema      string  `json:"schema"`
	Reply       string  `json:"reply"`
	Payload     *string `json:"payload"`
	Headers     string  `json:"headers"`
	Status      int     `json:"status"`
	ContentType string  `json:"contentType"`
	Body        string  `json:"body"`
}

// fastifyRoute composes the package the way Fastify 5 handles a POST with a
// JSON body: parse, validate body then headers, run the handler, serialize
// the reply with the 200 response schema (or JSON.stringify).
type fastifyRoute struct {
	body, headers *Validator
	response      *Serializer
}

func compileRoute(t *testing.T, schemaJSON string) fastifyRoute {
	t.Helper()
	schema := mustParse(t, schemaJSON).(*Object)
	var r fastifyRoute
	var err error
	if b, ok := schema.Get("body"); ok {
		if r.body, err = CompileValidator(AppendJSON(nil, b)); err != nil {
			t.Fatal(err)
		}
	}
	if h, ok := schema.Get("headers"); ok {
		if r.headers, err = CompileHeadersValidator(AppendJSON(nil, h)); err != nil {
			t.Fatal(err)
		}
	}
	if resp, ok := schema.Get("response"); ok {
		s200, _ := resp.(*Object).Get("200")
		if r.response, err = CompileSerializer(AppendJSON(nil, s200)); err != nil {
			t.Fatal(err)
		}
	}
	return r
}

func (r fastifyRoute) serve(payload *string, headers any, handler func(body any) any) (int, string) {
	var body any
	if payload != nil {
		if *payload == "" {
			return 400, string(AppendErrorBody(nil, 400, CodeEmptyJSONBody, MsgEmptyJSONBody))
		}
		v, err := ParseJSON([]byte(*payload))
		if err != nil {
			return 400, string(AppendErrorBody(nil, 400, CodeInvalidJSON, MsgInvalidJSONBody))
		}
		body = v
	}
	if r.body != nil {
		v, verr := r.body.Validate(body)
		if verr != nil {
			return 400, string(AppendErrorBody(nil, 400, CodeValidation, verr.FastifyMessage("body")))
		}
		body = v
	}
	if r.headers != nil {
		if _, verr := r.headers.Validate(headers); verr != nil {
			return 400, string(AppendErrorBody(nil, 400, CodeValidation, verr.FastifyMessage("headers")))
		}
	}
	reply := handler(body)
	if r.response == nil {
		return 200, string(AppendJSON(nil, reply))
	}
	out, err := r.response.Append(nil, reply)
	if err != nil {
		return 500, string(AppendErrorBody(nil, 500, "", err.Error()))
	}
	return 200, string(out)
}

func TestHTTPVectors(t *testing.T) {
	for _, vec := range loadVectors[httpVector](t, "http_vectors.json") {
		t.Run(vec.Name, func(t *testing.T) {
			route := compileRoute(t, vec.Schema)
			headers := mustParse(t, vec.Headers)
			status, body := route.serve(vec.Payload, headers, func(body any) any {
				if vec.Reply == `"$body"` {
					return body
				}
				return mustParse(t, vec.Reply)
			})
			if status != vec.Status || body != vec.Body {
				t.Fatalf("got %d %s\nwant %d %s", status, body, vec.Status, vec.Body)
			}
		})
	}
}
