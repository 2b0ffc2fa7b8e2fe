package engine

import (
	"context"
	"testing"
)

// lazyProbe reads, writes and tests properties of the request and reply
// whose accessors and methods host.lazy makes on first use.
const lazyProbe = `
export default [{}, (request: any, reply: any) => {
  const out: any = {};
  // A setter that throws, reached through the proxy on first use.
  try { reply.statusCode = 1000; out.badStatus = "no error"; } catch (e: any) { out.badStatus = e.code; }
  out.status = reply.statusCode;
  // An accessor without a setter keeps its value.
  try { request.id = "x"; } catch (e) {}
  out.idKept = typeof request.id === "string" && request.id !== "x";
  out.proto = Object.getPrototypeOf(request) === request.__proto__;
  // An own method shadows the prototype's, and deleting it brings it back.
  reply.type = () => "own";
  out.ownType = reply.type();
  delete reply.type;
  out.typeBack = typeof reply.type;
  out.protoCode = typeof Object.getPrototypeOf(reply).code;
  out.has = ["body" in request, "nope" in request, "send" in reply, "hasOwnProperty" in reply];
  out.sent = reply.sent;
  request.later = 1;
  out.later = [request.later, Object.keys(request).includes("later")];
  out.body = request.body;
  return out;
}]
`

// TestLazyPrototypes checks that a property behaves the same the first time
// a runtime uses it (through host.lazy's proxy) and afterwards (defined on
// the prototype): a fresh runtime, then the same runtime again.
func TestLazyPrototypes(t *testing.T) {
	e, err := New(Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	fn := compileFor(t, e, lazyProbe)
	want := `{"badStatus":"FST_ERR_BAD_STATUS_CODE","status":200,"idKept":true,"proto":true,"ownType":"own","typeBack":"function","protoCode":"function","has":[true,false,true,true],"sent":false,"later":[1,true],"body":{"a":1}}`
	for i, fresh := range []bool{true, false, true} {
		if fresh {
			e.DropRuntimes("u")
		}
		resp, err := e.Invoke(context.Background(), "u", fn, benchReq())
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if resp.Cold != fresh {
			t.Errorf("call %d: cold %v, want %v", i, resp.Cold, fresh)
		}
		if string(resp.Body) != want {
			t.Errorf("call %d:\n got %s\nwant %s", i, resp.Body, want)
		}
	}
}
