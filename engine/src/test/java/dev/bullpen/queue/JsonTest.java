package dev.bullpen.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Json#stringify} against outputs of Node's {@code JSON.stringify(JSON.parse(text))}. */
class JsonTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.1                     | 0.1
            1e21                    | 1e+21
            1e20                    | 100000000000000000000
            123456789012345680000   | 123456789012345680000
            1e-6                    | 0.000001
            1e-7                    | 1e-7
            5e-324                  | 5e-324
            1.7976931348623157e308  | 1.7976931348623157e+308
            -1.5                    | -1.5
            0.30000000000000004     | 0.30000000000000004
            4.35                    | 4.35
            2e-7                    | 2e-7
            100                     | 100
            1.0                     | 1
            -0                      | 0
            9007199254740993        | 9007199254740992
            """)
    void numbersAreWrittenAsJavaScriptDoes(String json, String expected) {
        assertEquals(expected, Json.stringify(Json.parseStrict(json, "test")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            {"b": 1, "10": 2, "2": 3, "01": 4}        | {"2":3,"10":2,"b":1,"01":4}
            ["a\\u001Fb", "\\ud83d\\ude00", "\\ud800"] | ["a\\u001fb","😀","\\ud800"]
            {"s": "tab\\t \\"q\\" back\\\\ /"}         | {"s":"tab\\t \\"q\\" back\\\\ /"}
            [null, true, false, {}, []]                | [null,true,false,{},[]]
            """)
    void structuresAreWrittenAsJavaScriptDoes(String json, String expected) {
        assertEquals(expected, Json.stringify(Json.parseStrict(json, "test")));
    }
}
