package dev.bullpen.app.icons;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
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
    QUEUES(MaterialDesignT.TRAY_FULL),
    REFRESH(MaterialDesignR.REFRESH),
    SEARCH(MaterialDesignM.MAGNIFY),
    RETRY_JOB(MaterialDesignR.REPLAY),
    REMOVE_JOB(MaterialDesignD.DELETE_OUTLINE),
    ADD_JOB(MaterialDesignP.PLUS_BOX_OUTLINE),
    DONE(MaterialDesignC.CHECK_CIRCLE_OUTLINE),
    READ_ONLY(MaterialDesignE.EYE_OUTLINE),
    REDIS(MaterialDesignD.DATABASE_OUTLINE),
    CHARTS(MaterialDesignC.CHART_LINE),
    ALERTS(MaterialDesignB.BELL_OUTLINE),
    ALERTS_RAISED(MaterialDesignB.BELL_ALERT),
    ADD_CONNECTION(MaterialDesignD.DATABASE_PLUS_OUTLINE),
    CONNECTION_CLOSED(MaterialDesignD.DATABASE_OFF_OUTLINE),
    NOTICE(MaterialDesignI.INFORMATION_OUTLINE),
    CLOSE(MaterialDesignC.CLOSE),
    DUPLICATE_JOB(MaterialDesignC.CONTENT_COPY),
    EXPORT_JOBS(MaterialDesignF.FILE_EXPORT_OUTLINE),
    PERSONAL_DATA_MASKED(MaterialDesignE.EYE_OFF_OUTLINE),
    PERSONAL_DATA_SHOWN(MaterialDesignA.ACCOUNT_EYE_OUTLINE);

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
