package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

class RepeatChainTest {
    @Test
    void iterationIdHashIsBullsObservedOne() {
        // spec 10: repeat:b257202d91e81bd5f4fa6156c3bb6bd2:1796006930000 = md5("tick" + ":" + md5("tick:::2000"))
        assertEquals("b257202d91e81bd5f4fa6156c3bb6bd2", RepeatChain.md5("tick" + ":" + RepeatChain.md5("tick:::2000")));
    }

    @Test
    void everyIsWrittenAsJavaScriptWritesNumbers() {
        assertEquals("2000", RepeatChain.jsNumber(IntNode.valueOf(2000)));
        assertEquals("2000", RepeatChain.jsNumber(DoubleNode.valueOf(2000.0)));
        assertEquals("1.5", RepeatChain.jsNumber(DoubleNode.valueOf(1.5)));
    }
}
