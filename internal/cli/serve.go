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
	"github.com/ally-dev/ally/internal/jobs"
	"github.com/ally-dev/ally/internal/web"
)

func (a *app) serveCommand() *cobra.Command {
	var addr, base string
	var trustProxy bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve Ally's web app and JSON API (default 127.0.0.1:8080)",
		Long: `Serve Ally's web app and JSON API on this machine. The personal app has no
sign-in, so it listens only on a loopback address (127.0.0.1, ::1 or
localhost); serving Ally to other machines is what a career center
("ally center init") is for, and a center listens where --addr says. It answers only requests addressed to its base
URL or to localhost, and every link it makes (the calendar feed) starts with
the base URL, which the CLI then uses too.`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			flags := config.Flags{DB: a.dbFlag, Addr: addr, BaseURL: base}
			if cmd.Flags().Changed("trust-proxy") {
				flags.TrustProxy = &trustProxy
			}
			cfg, err := config.LoadFlags(a.env.Getenv, flags)
			if err != nil {
				return usageError{err}
			}
			if err := a.open(ctx); err != nil {
				return err
			}
			// A center signs everyone in, so it may serve other machines.
			_, center, err := a.st.Center(ctx)
			if err != nil {
				return err
			}
			if !center && !config.IsLoopback(cfg.Addr) {
				return fmt.Errorf("refusing to serve on %s: other machines could reach it, and the personal app has no sign-in; listen on 127.0.0.1 or localhost, or set up a career center with \"ally center init\" to serve Ally beyond this machine", cfg.Addr)
			}
			if center && (cfg.OIDC.Enabled() || cfg.SAML.Enabled()) {
				// A sign-in through a provider keeps secrets in the database.
				if err := a.st.CanKeepSecrets(); err != nil {
					return fmt.Errorf("sign-in through OIDC or SAML: %w", err)
				}
			}
			ln, err := net.Listen("tcp", cfg.Addr)
			if err != nil {
				return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
			}
			defer ln.Close()
			// The address listened on, not the one asked for: port 0 asks for any.
			listen := ln.Addr().String()
			if cfg.BaseURL == "" {
				cfg.BaseURL = config.DefaultBaseURL(listen)
			}
			if err := a.st.RecordBaseURL(ctx, cfg.BaseURL); err != nil {
				return err
			}
			logger := slog.New(slog.NewTextHandler(a.env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
			h := web.NewServer(web.Deps{Store: a.st, Owner: a.sc.Owner(), Clock: a.env.Clock, Logger: logger,
				BaseURL: cfg.BaseURL, ListenAddr: listen, TrustProxy: cfg.TrustProxy, OIDC: cfg.OIDC, SAML: cfg.SAML})
			// Uploads waiting for their import button go with the server.
			defer func() {
				if err := h.Close(); err != nil {
					logger.Warn("remove import uploads", "err", err)
				}
			}()
			srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute, WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
			fmt.Fprintf(a.env.Stdout, "Ally is running at %s/ (database %s). Press Ctrl-C to stop.\n", cfg.BaseURL, a.cfg.DB)
			errc := make(chan error, 1)
			go func() { errc <- srv.Serve(ln) }()
			if center {
				// The center's own emails go out every minute, on every
				// instance: each message is claimed by one of them.
				jobsCtx, stopJobs := context.WithCancel(ctx)
				jobsDone := make(chan struct{})
				ticker := time.NewTicker(time.Minute)
				go func() {
					(&jobs.Runner{Store: a.st, Logger: logger}).Loop(jobsCtx, ticker.C, a.env.Clock)
					close(jobsDone)
				}()
				defer func() { stopJobs(); ticker.Stop(); <-jobsDone }()
			}
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
	cmd.Flags().StringVar(&addr, "addr", "", "address to listen on, on this machine (default $ALLY_ADDR, else "+config.DefaultAddr+")")
	cmd.Flags().StringVar(&base, "base-url", "", "where people reach Ally, for its links and the hosts it answers (default $ALLY_BASE_URL, else http:// and the address)")
	cmd.Flags().BoolVar(&trustProxy, "trust-proxy", false, "a reverse proxy in front of Ally sets X-Forwarded-For and X-Forwarded-Proto: read them for the client's address and scheme (default $ALLY_TRUST_PROXY, else off; without a proxy anyone could forge them)")
	return cmd
}
