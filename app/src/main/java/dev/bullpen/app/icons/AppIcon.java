package dev.bullpen.app.icons;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** Icons by meaning; screens never name a raw glyph. */
public enum AppIcon {
    CONNECTED(MaterialDesignL.LAN_CONNECT),
    CONNECTING(MaterialDesignL.LAN_PENDING),
    DISCONNECTED(MaterialDesignL.LAN_DISCONNECT),
    ALERT(MaterialDesignA.ALERT_CIRCLE_OUTLINE),
    QUEUE_PAUSED(MaterialDesignP.PAUSE_CIRCLE),
    QUEUE_RUNNING(MaterialDesignP.PLAY_CIRCLE_OUTLINE),
    LAST_REFRESH(MaterialDesignC.CLOCK_OUTLINE),
    QUEUES(MaterialDesignT.TRAY_FULL);

    private final Ikon ikon;

    AppIcon(Ikon ikon) {
        this.ikon = ikon;
    }

    public Ikon ikon() {
        return ikon;
    }

    /** A new node showing this icon; size and colour come from CSS ({@code .app-icon}). */
    public FontIcon node() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("app-icon");
        return icon;
    }
}
