// Command plainserver is the yardstick of scripts/bench-web.sh: the least a
// Go web server can do, answering every request with the same bytes from
// memory. It is not part of the ally binary.
//
//	plainserver -addr 127.0.0.1:18081 -body agenda.html [-gzip]
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"strconv"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:18081", "address to listen on")
	bodyFile := flag.String("body", "", "file whose bytes every response carries")
	gz := flag.Bool("gzip", false, "the body is gzip-compressed: say so in Content-Encoding")
	flag.Parse()
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		log.Fatal(err)
	}
	length := strconv.Itoa(len(body))
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Length", length)
		if *gz {
			h.Set("Content-Encoding", "gzip")
		}
		w.Write(body)
	})
	log.Fatal(http.ListenAndServe(*addr, nil))
}
