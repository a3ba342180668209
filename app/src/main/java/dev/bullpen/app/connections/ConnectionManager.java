package dev.bullpen.app.connections;

import dev.bullpen.app.connections.ConnectionSession.Target;
import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.settings.ConnectionStore;
import dev.bullpen.app.settings.PasswordSource;
import dev.bullpen.app.settings.SavedConnection;
import dev.bullpen.app.settings.SettingsException;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javafx.scene.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, closes, adds, edits and removes the window's connections: keeps the saved ones in the
 * {@link ConnectionStore}, the sidebar in step, and tells the window. Passwords asked for or typed
 * stay in memory ({@link #passwords}) until the window closes. Used on the FX thread; the connect
 * itself happens on each connection's poller thread.
 */
public final class ConnectionManager {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionManager.class);

    /** What the window does as connections open and close (the main window). */
    public interface View {
        /** A connection was opened: show it and put it in front. */
        void opened(ConnectionSession session);

        /** A connection was closed: its tabs and banner go. */
        void closed(ConnectionSession session);

        /** Puts the connection in front; with {@code showOverview} its queues tab too. */
        void bringToFront(ConnectionSession session, boolean showOverview);

        /** Opens (or shows) a queue's tab of the connection. */
        void openQueue(ConnectionSession session, String queue);

        /** A sentence for the user about something that did not work (no dialog). */
        void notice(String sentence);

        /** A node of the window, to own dialogs. */
        Node owner();
    }

    private final ConnectionStore store;
    private final SidebarViewModel sidebar;
    private final Function<Target, ConnectionSession> sessions;
    private final PasswordPrompt prompt;
    private final ConnectionEditor editor;
    private final Confirmer confirmer;
    private final boolean forceReadOnly;
    private final Map<String, String> env;
    private final Map<String, ConnectionSession> open = new LinkedHashMap<>();
    private final Map<String, Target> unsaved = new LinkedHashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final AtomicInteger unsavedIds = new AtomicInteger();
    private View view;

    /**
     * @param sessions      makes a (not yet started) session for a target
     * @param forceReadOnly every connection of this window is read-only ({@code --read-only})
     * @param env           the environment, for passwords from variables
     */
    public ConnectionManager(ConnectionStore store, SidebarViewModel sidebar, Function<Target, ConnectionSession> sessions,
                             PasswordPrompt prompt, ConnectionEditor editor, Confirmer confirmer, boolean forceReadOnly,
                             Map<String, String> env) {
        this.store = store;
        this.sidebar = sidebar;
        this.sessions = sessions;
        this.prompt = prompt;
        this.editor = editor;
        this.confirmer = confirmer;
        this.forceReadOnly = forceReadOnly;
        this.env = env;
        store.all().forEach(this::showSaved);
    }

    /** The window, once it is built. */
    public void attach(View window) {
        this.view = window;
        store.problems().forEach(p -> window.notice("Saved connections: " + p));
    }

    private void showSaved(SavedConnection c) {
        sidebar.put(c.id(), c.name(), c.endpoint().safeUrl() + " · prefix " + c.prefix(), true,
                c.readOnly() || forceReadOnly);
    }

    // ---------------------------------------------------------------- open and close

    /**
     * Opens a connection given on the command line (or the default). When a saved connection has the
     * same URL (without password) and prefix, that one is opened instead, with this URL's password.
     *
     * @return the id of the connection opened
     */
    public Optional<String> openGiven(RedisEndpoint endpoint, String prefix, Duration pollInterval) {
        String safe = endpoint.withPassword(null).safeUrl();
        for (SavedConnection c : store.all()) {
            if (c.endpoint().safeUrl().equals(safe) && c.prefix().equals(prefix)) {
                endpoint.passwordValue().ifPresent(pw -> passwords.put(c.id(), pw));
                return open(c.id()) ? Optional.of(c.id()) : Optional.empty();
            }
        }
        String id = "given-" + unsavedIds.incrementAndGet();
        Target t = new Target(id, endpoint.display(), null, endpoint, prefix, forceReadOnly, pollInterval);
        unsaved.put(id, t);
        sidebar.put(id, t.name(), endpoint.safeUrl() + " · prefix " + prefix + " · not saved", false, t.readOnly());
        start(t);
        return Optional.of(id);
    }

    /**
     * Opens a saved connection, asking for its password first when it is asked for; puts it in front
     * when it is open already.
     *
     * @return false when it was not opened (cancelled, or its password cannot be had)
     */
    public boolean open(String id) {
        ConnectionSession s = open.get(id);
        if (s != null) {
            view.bringToFront(s, true);
            return true;
        }
        Target given = unsaved.get(id);
        if (given != null) {
            start(given);
            return true;
        }
        SavedConnection c = store.byId(id).orElse(null);
        if (c == null) {
            return false;
        }
        String password;
        try {
            password = password(c, null).orElse(null);
        } catch (InvalidInputException e) {
            view.notice("Cannot open " + c.name() + ": " + e.getMessage());
            return false;
        }
        if (c.password() instanceof PasswordSource.Ask && password == null) {
            return false; // cancelled
        }
        RedisEndpoint endpoint = c.endpoint();
        if (password != null) {
            endpoint = endpoint.withPassword(password);
        }
        start(new Target(c.id(), c.name(), c, endpoint, c.prefix(), c.readOnly() || forceReadOnly, c.pollInterval()));
        return true;
    }

    /** The password: from memory, the environment, the file, or asked for (empty when cancelled or none). */
    private Optional<String> password(SavedConnection c, String reason) {
        String known = passwords.get(c.id());
        if (known != null && reason == null) {
            return Optional.of(known);
        }
        if (c.password() instanceof PasswordSource.Ask) {
            Optional<String> typed = prompt.ask(c.name(), c.endpoint().safeUrl(), reason);
            typed.ifPresent(pw -> passwords.put(c.id(), pw));
            return typed;
        }
        return c.password().resolve(env);
    }

    private void start(Target t) {
        ConnectionSession s = sessions.apply(t);
        open.put(t.id(), s);
        sidebar.entry(t.id()).ifPresent(e -> e.attach(s.overview()));
        view.opened(s);
        s.start(); // after its screens are built: the first reads do not compete with loading them
    }

    /** Closes a connection: its threads stop, its tabs close; one that is not saved leaves the sidebar. */
    public void close(String id) {
        ConnectionSession s = open.remove(id);
        if (s == null) {
            return;
        }
        view.closed(s);
        sidebar.entry(id).ifPresent(SidebarViewModel.Entry::detach);
        s.close();
        if (unsaved.remove(id) != null) {
            sidebar.remove(id);
        }
    }

    /** Asks for the password again after Redis refused the login, and reconnects with it. */
    public void askPasswordAgain(String id) {
        SavedConnection c = store.byId(id).orElse(null);
        if (c == null || !(c.password() instanceof PasswordSource.Ask)) {
            return;
        }
        Optional<String> typed = password(c, "Redis refused the login with the password given before.");
        if (typed.isPresent()) {
            close(id);
            open(id);
        }
    }

    public void refresh(String id) {
        Optional.ofNullable(open.get(id)).ifPresent(ConnectionSession::refresh);
    }

    /** Puts an open connection in front (sidebar selection). */
    public void select(String id) {
        Optional.ofNullable(open.get(id)).ifPresent(s -> view.bringToFront(s, false));
    }

    /** Opens the connection if needed, then the queue's tab. */
    public void openQueue(String id, String queue) {
        if (open.containsKey(id) || open(id)) {
            ConnectionSession s = open.get(id);
            if (s != null) {
                view.openQueue(s, queue);
            }
        }
    }

    // ---------------------------------------------------------------- saved connections

    /** "New connection": the form, then save and connect. */
    public void add() {
        ConnectionEditorViewModel form = form(null);
        editor.edit(form).ifPresent(r -> {
            SavedConnection c = r.connection();
            if (!persist(() -> store.add(c), c)) {
                return;
            }
            showSaved(c);
            remember(c.id(), r.password());
            open(c.id());
        });
    }

    /** "Edit connection": the form; an open connection is reopened with the new settings. */
    public void edit(String id) {
        SavedConnection old = store.byId(id).orElse(null);
        if (old == null) {
            return;
        }
        editor.edit(form(old)).ifPresent(r -> {
            SavedConnection c = r.connection();
            if (!persist(() -> store.replace(c), c)) {
                return;
            }
            showSaved(c);
            remember(id, r.password());
            if (open.containsKey(id)) {
                close(id);
                open(id);
            }
        });
    }

    /** "Save connection" for one given on the command line: the form filled from it. */
    public void save(String id) {
        Target t = unsaved.get(id);
        if (t == null) {
            return;
        }
        ConnectionEditorViewModel form = form(null);
        form.prefill(t.endpoint(), t.prefix(), t.pollInterval(), t.readOnly() && !forceReadOnly);
        editor.edit(form).ifPresent(r -> {
            SavedConnection c = r.connection();
            if (!persist(() -> store.add(c), c)) {
                return;
            }
            boolean wasOpen = open.containsKey(id);
            close(id);
            unsaved.remove(id);
            sidebar.remove(id);
            showSaved(c);
            remember(c.id(), r.password() != null ? r.password() : t.endpoint().passwordValue().orElse(null));
            if (wasOpen) {
                open(c.id());
            }
        });
    }

    /** Removes a saved connection after asking; an open one is closed first. */
    public void remove(String id) {
        SavedConnection c = store.byId(id).orElse(null);
        if (c == null) {
            return;
        }
        if (!confirmer.confirm(view.owner(), "Remove the saved connection '" + c.name() + "' (" + c.endpoint().safeUrl()
                + ")? Redis and its queues are not touched.", "Remove")) {
            return;
        }
        close(id);
        passwords.remove(id);
        try {
            store.remove(id);
        } catch (SettingsException e) {
            view.notice(e.getMessage());
        }
        sidebar.remove(id);
    }

    private ConnectionEditorViewModel form(SavedConnection existing) {
        String file = store.file().map(ConnectionManager::shortPath)
                .orElse("the settings file (not kept: this console saves nothing)");
        return new ConnectionEditorViewModel(existing, file, store::nameFree);
    }

    /** {@code ~/.bullpen/connections.json} rather than the full path under the user's home. */
    static String shortPath(java.nio.file.Path file) {
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("user.home"));
        return file.startsWith(home) ? "~/" + home.relativize(file) : file.toString();
    }

    private boolean persist(Runnable write, SavedConnection c) {
        try {
            write.run();
            return true;
        } catch (SettingsException e) {
            // kept for this run; the user is told it is not on disk
            view.notice(e.getMessage() + " — '" + c.name() + "' is kept until the console closes");
            return true;
        } catch (InvalidInputException e) {
            view.notice("Cannot save '" + c.name() + "': " + e.getMessage());
            return false;
        }
    }

    private void remember(String id, String password) {
        if (password != null) {
            passwords.put(id, password);
        }
    }

    // ---------------------------------------------------------------- state

    public Optional<ConnectionSession> session(String id) {
        return Optional.ofNullable(open.get(id));
    }

    /** Open connections in the order they were opened. */
    public List<ConnectionSession> sessions() {
        return List.copyOf(open.values());
    }

    /** Ids of the open saved connections, to open them again next time. */
    public List<String> openSavedIds() {
        List<String> ids = new ArrayList<>();
        open.keySet().stream().filter(id -> store.byId(id).isPresent()).forEach(ids::add);
        return ids;
    }

    /** True for a saved connection whose password is asked for (the banner then offers to ask again). */
    public boolean asksPassword(String id) {
        return store.byId(id).map(c -> c.password() instanceof PasswordSource.Ask).orElse(false);
    }

    /** True when opening it now would ask for a password first. */
    public boolean needsPrompt(String id) {
        return asksPassword(id) && !passwords.containsKey(id) && !open.containsKey(id);
    }

    public boolean isSaved(String id) {
        return store.byId(id).isPresent();
    }

    public List<SavedConnection> saved() {
        return store.all();
    }

    /** Closes every connection (the window closes). */
    public void closeAll() {
        new ArrayList<>(open.keySet()).forEach(id -> {
            ConnectionSession s = open.remove(id);
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("Connection(name={}) did not close cleanly: {}", s.name(), e.toString());
            }
        });
    }
}
