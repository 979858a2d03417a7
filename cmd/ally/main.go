// Command ally helps people run informational interviews. main only wires
// the process to run; everything else is in internal/.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/ally-dev/ally/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
