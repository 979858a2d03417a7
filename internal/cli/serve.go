package cli

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/ally-dev/ally/internal/config"
	"github.com/ally-dev/ally/internal/web"
)

func (a *app) serveCommand() *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve Ally's web app and JSON API (default 127.0.0.1:8080)",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.open(ctx); err != nil {
				return err
			}
			cfg, err := config.Load(a.env.Getenv, a.dbFlag, addr)
			if err != nil {
				return err
			}
			logger := slog.New(slog.NewTextHandler(a.env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
			h := web.NewServer(web.Deps{Store: a.st, Owner: a.sc.Owner(), Clock: a.env.Clock, Logger: logger})
			// Uploads waiting for their import button go with the server.
			defer func() {
				if err := h.Close(); err != nil {
					logger.Warn("remove import uploads", "err", err)
				}
			}()
			ln, err := net.Listen("tcp", cfg.Addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
			}
			srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
			fmt.Fprintf(a.env.Stdout, "Ally is running at http://%s/ (database %s). Press Ctrl-C to stop.\n", ln.Addr(), a.cfg.DB)
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			select {
			case err := <-errc:
				return err
			case <-ctx.Done():
			}
			shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := srv.Shutdown(shutdown); err != nil {
				return err
			}
			if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "", "address to listen on (default $ALLY_ADDR, else "+config.DefaultAddr+")")
	return cmd
}
