package org.perceptrix.ui;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

import org.perceptrix.graph.LayerType;

/** The icons of the designer (Material Design via Ikonli), in one place. */
public final class Icons {
    static final Ikon UNDO = MaterialDesignU.UNDO;
    static final Ikon REDO = MaterialDesignR.REDO;
    static final Ikon DELETE = MaterialDesignD.DELETE_OUTLINE;
    static final Ikon COPY = MaterialDesignC.CONTENT_COPY;
    static final Ikon PASTE = MaterialDesignC.CONTENT_PASTE;
    static final Ikon DUPLICATE = MaterialDesignC.CONTENT_DUPLICATE;
    static final Ikon LAYOUT = MaterialDesignS.SITEMAP;
    static final Ikon FIT = MaterialDesignF.FIT_TO_PAGE_OUTLINE;
    static final Ikon ZOOM_IN = MaterialDesignM.MAGNIFY_PLUS_OUTLINE;
    static final Ikon ZOOM_OUT = MaterialDesignM.MAGNIFY_MINUS_OUTLINE;
    static final Ikon GRID = MaterialDesignG.GRID;
    static final Ikon NEW = MaterialDesignF.FILE_OUTLINE;
    static final Ikon OPEN = MaterialDesignF.FOLDER_OPEN_OUTLINE;
    static final Ikon SAVE = MaterialDesignC.CONTENT_SAVE_OUTLINE;
    static final Ikon THEME = MaterialDesignT.THEME_LIGHT_DARK;
    public static final Ikon ERROR = MaterialDesignA.ALERT_CIRCLE;
    public static final Ikon WARNING = MaterialDesignA.ALERT;
    static final Ikon VALID = MaterialDesignC.CHECK_CIRCLE;
    static final Ikon SEARCH = MaterialDesignM.MAGNIFY;
    static final Ikon CONNECT = MaterialDesignV.VECTOR_LINE;
    static final Ikon TEMPLATES = MaterialDesignV.VIEW_GRID_PLUS_OUTLINE;
    public static final Ikon TRAIN = MaterialDesignP.PLAY;
    public static final Ikon PAUSE = MaterialDesignP.PAUSE;
    public static final Ikon STOP = MaterialDesignS.STOP;
    public static final Ikon CHART = MaterialDesignC.CHART_LINE;
    public static final Ikon DRAW = MaterialDesignP.PENCIL;

    private Icons() {
    }

    public static FontIcon icon(Ikon ikon) { return new FontIcon(ikon); }

    static Ikon of(LayerType type) {
        return switch (type) {
            case IMAGE_INPUT -> MaterialDesignI.IMAGE_OUTLINE;
            case VECTOR_INPUT -> MaterialDesignF.FORMAT_LIST_NUMBERED;
            case SEQUENCE_INPUT -> MaterialDesignT.TIMELINE_OUTLINE;
            case DENSE -> MaterialDesignG.GRAPH_OUTLINE;
            case DROPOUT -> MaterialDesignD.DOTS_GRID;
            case BATCH_NORM -> MaterialDesignS.SCALE_BALANCE;
            case ACTIVATION -> MaterialDesignF.FUNCTION_VARIANT;
            case FLATTEN -> MaterialDesignA.ARROW_COLLAPSE_VERTICAL;
            case CONV2D -> MaterialDesignG.GRID;
            case MAX_POOL -> MaterialDesignA.ARROW_COLLAPSE_ALL;
            case AVG_POOL -> MaterialDesignA.ARROW_COLLAPSE;
            case GLOBAL_POOL -> MaterialDesignC.CHECKBOX_BLANK_CIRCLE_OUTLINE;
            case SIMPLE_RNN -> MaterialDesignR.REPEAT;
            case LSTM -> MaterialDesignM.MEMORY;
            case CONCATENATE -> MaterialDesignS.SOURCE_MERGE;
            case ADD -> MaterialDesignP.PLUS_CIRCLE_OUTLINE;
            case OUTPUT -> MaterialDesignE.EXPORT;
            default -> MaterialDesignB.BLOCK_HELPER;
        };
    }
}
