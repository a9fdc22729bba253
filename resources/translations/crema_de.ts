<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>LayerCatalog</name>
    <message>
        <source>Reads a batch of Datum records from LMDB or LevelDB</source>
        <translation>Liest einen Batch von Datum-Einträgen aus LMDB oder LevelDB</translation>
    </message>
    <message>
        <source>Net input of a fixed shape, filled by the caller (deploy nets)</source>
        <translation>Netzeingabe fester Shape, vom Aufrufer gefüllt (Deploy-Netze)</translation>
    </message>
    <message>
        <source>Reads images listed in a text file (path label per line)</source>
        <translation>Liest Bilder, die in einer Textdatei aufgeführt sind (Pfad Label pro Zeile)</translation>
    </message>
    <message>
        <source>Batches handed over from memory by the application</source>
        <translation>Batches, die die Anwendung aus dem Speicher übergibt</translation>
    </message>
    <message>
        <source>Constant or random blobs of a given shape (testing, benchmarking)</source>
        <translation>Konstante oder zufällige Blobs einer gegebenen Shape (Tests, Benchmarks)</translation>
    </message>
    <message>
        <source>Reads batches from HDF5 files listed in a text file</source>
        <translation>Liest Batches aus HDF5-Dateien, die in einer Textdatei aufgeführt sind</translation>
    </message>
    <message>
        <source>Crops windows from images for detection training</source>
        <translation>Schneidet Fenster aus Bildern für das Training von Detektoren aus</translation>
    </message>
    <message>
        <source>2-D convolution with learned filters (num_output x kernel)</source>
        <translation>2-D-Faltung mit gelernten Filtern (num_output x kernel)</translation>
    </message>
    <message>
        <source>Transposed convolution: upsamples with learned filters</source>
        <translation>Transponierte Faltung: vergrößert mit gelernten Filtern</translation>
    </message>
    <message>
        <source>Max / average pooling over spatial windows</source>
        <translation>Max- / Average-Pooling über räumliche Fenster</translation>
    </message>
    <message>
        <source>Spatial pyramid pooling to a fixed-length output</source>
        <translation>Spatial Pyramid Pooling auf eine Ausgabe fester Länge</translation>
    </message>
    <message>
        <source>Crops the first bottom to the spatial size of the second</source>
        <translation>Beschneidet den ersten Bottom auf die räumliche Größe des zweiten</translation>
    </message>
    <message>
        <source>Rearranges image patches into columns</source>
        <translation>Ordnet Bildausschnitte in Spalten um</translation>
    </message>
    <message>
        <source>Rectified linear unit max(0, x) (leaky with negative_slope)</source>
        <translation>Rectified Linear Unit max(0, x) (leaky mit negative_slope)</translation>
    </message>
    <message>
        <source>ReLU with a learned negative slope per channel</source>
        <translation>ReLU mit gelernter negativer Steigung pro Kanal</translation>
    </message>
    <message>
        <source>Exponential linear unit</source>
        <translation>Exponential Linear Unit</translation>
    </message>
    <message>
        <source>Logistic sigmoid 1 / (1 + exp(-x))</source>
        <translation>Logistische Sigmoidfunktion 1 / (1 + exp(-x))</translation>
    </message>
    <message>
        <source>Hyperbolic tangent</source>
        <translation>Tangens hyperbolicus</translation>
    </message>
    <message>
        <source>x * sigmoid(beta x)</source>
        <translation>x * sigmoid(beta x)</translation>
    </message>
    <message>
        <source>Absolute value |x|</source>
        <translation>Betrag |x|</translation>
    </message>
    <message>
        <source>Binomial normal log likelihood log(1 + exp(x))</source>
        <translation>Binomiale Normal-Log-Likelihood log(1 + exp(x))</translation>
    </message>
    <message>
        <source>(shift + scale x) ^ power</source>
        <translation>(shift + scale x) ^ power</translation>
    </message>
    <message>
        <source>base ^ (shift + scale x)</source>
        <translation>base ^ (shift + scale x)</translation>
    </message>
    <message>
        <source>log_base(shift + scale x)</source>
        <translation>log_base(shift + scale x)</translation>
    </message>
    <message>
        <source>1 where x &gt; threshold, else 0</source>
        <translation>1, wo x &gt; threshold, sonst 0</translation>
    </message>
    <message>
        <source>Clamps x to [min, max]</source>
        <translation>Begrenzt x auf [min, max]</translation>
    </message>
    <message>
        <source>Multiplies by a learned (or second-bottom) scale, optional bias</source>
        <translation>Multipliziert mit einem gelernten (oder vom zweiten Bottom gelieferten) Faktor, optional mit Bias</translation>
    </message>
    <message>
        <source>Adds a learned (or second-bottom) bias</source>
        <translation>Addiert einen gelernten (oder vom zweiten Bottom gelieferten) Bias</translation>
    </message>
    <message>
        <source>Fully connected layer (num_output outputs)</source>
        <translation>Vollständig verbundener Layer (num_output Ausgaben)</translation>
    </message>
    <message>
        <source>Randomly zeroes inputs during training (dropout_ratio)</source>
        <translation>Setzt während des Trainings zufällig Eingaben auf null (dropout_ratio)</translation>
    </message>
    <message>
        <source>Looks up learned vectors for integer ids</source>
        <translation>Schlägt gelernte Vektoren für ganzzahlige IDs nach</translation>
    </message>
    <message>
        <source>Simple recurrent layer over a time axis (x, cont)</source>
        <translation>Einfacher rekurrenter Layer über eine Zeitachse (x, cont)</translation>
    </message>
    <message>
        <source>Long short-term memory over a time axis (x, cont)</source>
        <translation>Long Short-Term Memory über eine Zeitachse (x, cont)</translation>
    </message>
    <message>
        <source>Local response normalization across or within channels</source>
        <translation>Local Response Normalization über oder innerhalb von Kanälen</translation>
    </message>
    <message>
        <source>Batch normalization (follow with Scale for a learned affine)</source>
        <translation>Batch-Normalisierung (mit nachfolgendem Scale für eine gelernte affine Abbildung)</translation>
    </message>
    <message>
        <source>Mean-variance normalization of each example</source>
        <translation>Mittelwert-Varianz-Normalisierung jedes Beispiels</translation>
    </message>
    <message>
        <source>Softmax + multinomial logistic loss of the label</source>
        <translation>Softmax + multinomialer logistischer Loss des Labels</translation>
    </message>
    <message>
        <source>Sum of squared differences / 2N</source>
        <translation>Summe der quadrierten Differenzen / 2N</translation>
    </message>
    <message>
        <source>Cross-entropy of sigmoid outputs against 0/1 targets</source>
        <translation>Kreuzentropie der Sigmoid-Ausgaben gegen 0/1-Ziele</translation>
    </message>
    <message>
        <source>One-vs-all hinge (SVM) loss, L1 or L2</source>
        <translation>One-vs-all-Hinge-Loss (SVM), L1 oder L2</translation>
    </message>
    <message>
        <source>Log loss of given probabilities</source>
        <translation>Log-Loss gegebener Wahrscheinlichkeiten</translation>
    </message>
    <message>
        <source>Log loss weighted by an infogain matrix</source>
        <translation>Log-Loss, gewichtet mit einer Infogain-Matrix</translation>
    </message>
    <message>
        <source>Siamese contrastive loss of two features and a similarity</source>
        <translation>Siamesischer Contrastive Loss zweier Features und einer Ähnlichkeit</translation>
    </message>
    <message>
        <source>Top-k classification accuracy (not a loss; for testing)</source>
        <translation>Top-k-Klassifikations-Accuracy (kein Loss; zum Testen)</translation>
    </message>
    <message>
        <source>Softmax over the class axis (probabilities)</source>
        <translation>Softmax über die Klassenachse (Wahrscheinlichkeiten)</translation>
    </message>
    <message>
        <source>Concatenates bottoms along an axis</source>
        <translation>Verkettet Bottoms entlang einer Achse</translation>
    </message>
    <message>
        <source>Element-wise sum, product or max of bottoms</source>
        <translation>Elementweise Summe, Produkt oder Maximum der Bottoms</translation>
    </message>
    <message>
        <source>Splits a blob along an axis into several tops</source>
        <translation>Teilt einen Blob entlang einer Achse auf mehrere Tops auf</translation>
    </message>
    <message>
        <source>Copies a blob to several tops (inserted automatically by Net)</source>
        <translation>Kopiert einen Blob auf mehrere Tops (vom Net automatisch eingefügt)</translation>
    </message>
    <message>
        <source>Folds axes [axis, end_axis] into one</source>
        <translation>Fasst die Achsen [axis, end_axis] zu einer zusammen</translation>
    </message>
    <message>
        <source>Changes the shape without copying (0 keeps, -1 infers)</source>
        <translation>Ändert die Shape ohne Kopie (0 behält bei, -1 wird abgeleitet)</translation>
    </message>
    <message>
        <source>Repeats the blob along an axis</source>
        <translation>Wiederholt den Blob entlang einer Achse</translation>
    </message>
    <message>
        <source>Sum / mean / asum / sumsq over trailing axes</source>
        <translation>Summe / Mittelwert / asum / sumsq über die hinteren Achsen</translation>
    </message>
    <message>
        <source>Index (and value) of the top-k entries</source>
        <translation>Index (und Wert) der Top-k-Einträge</translation>
    </message>
    <message>
        <source>Consumes blobs so they are not reported as outputs</source>
        <translation>Verbraucht Blobs, damit sie nicht als Ausgaben gemeldet werden</translation>
    </message>
    <message>
        <source>Exposes a learned blob of a given shape as a top</source>
        <translation>Stellt einen gelernten Blob gegebener Shape als Top bereit</translation>
    </message>
    <message>
        <source>Reorders the batch by an index blob</source>
        <translation>Ordnet den Batch nach einem Index-Blob um</translation>
    </message>
    <message>
        <source>Keeps the batch items whose selector is non-zero</source>
        <translation>Behält die Batch-Elemente, deren Selektor ungleich null ist</translation>
    </message>
    <message>
        <source>Writes its bottoms to an HDF5 file</source>
        <translation>Schreibt seine Bottoms in eine HDF5-Datei</translation>
    </message>
    <message>
        <source>User layer implemented in Python (Caffe only)</source>
        <translation>In Python implementierter Benutzer-Layer (nur Caffe)</translation>
    </message>
    <message>
        <source>%1 layer (registered by the engine)</source>
        <translation>%1-Layer (von der Engine registriert)</translation>
    </message>
</context>
<context>
    <name>LrSchedule</name>
    <message>
        <source>lr_policy step needs stepsize &gt; 0</source>
        <translation>lr_policy step braucht stepsize &gt; 0</translation>
    </message>
    <message>
        <source>lr_policy poly needs max_iter</source>
        <translation>lr_policy poly braucht max_iter</translation>
    </message>
    <message>
        <source>lr_policy is not set</source>
        <translation>lr_policy ist nicht gesetzt</translation>
    </message>
    <message>
        <source>unknown lr_policy &apos;%1&apos;</source>
        <translation>unbekannte lr_policy „%1“</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>&lt;i&gt;Not implemented by Crema&apos;s engine (exported for Caffe)&lt;/i&gt;</source>
        <translation>&lt;i&gt;Von Cremas Engine nicht implementiert (wird für Caffe exportiert)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Caffe only · </source>
        <translation>Nur Caffe · </translation>
    </message>
    <message>
        <source>first LMDB record</source>
        <translation>erster LMDB-Datensatz</translation>
    </message>
    <message>
        <source>MNIST by source name</source>
        <translation>MNIST laut source-Name</translation>
    </message>
    <message>
        <source>CIFAR by source name</source>
        <translation>CIFAR laut source-Name</translation>
    </message>
    <message>
        <source>ImageNet by source name</source>
        <translation>ImageNet laut source-Name</translation>
    </message>
    <message>
        <source>unknown source: assumed; set it in the properties</source>
        <translation>unbekannte Quelle: angenommen; in den Eigenschaften festlegen</translation>
    </message>
    <message>
        <source>The wiring has a cycle: Caffe needs every bottom produced by an earlier layer</source>
        <translation>Die Verdrahtung enthält einen Zyklus: Caffe verlangt, dass jeder Bottom von einem früheren Layer erzeugt wird</translation>
    </message>
    <message>
        <source>set by you</source>
        <translation>von Ihnen gesetzt</translation>
    </message>
    <message>
        <source>data %1%2%3%2%4%2%5 (%6)</source>
        <translation>Daten %1%2%3%2%4%2%5 (%6)</translation>
    </message>
    <message>
        <source>not analysed: its input depends on &apos;%1&apos;</source>
        <translation>nicht analysiert: die Eingabe hängt von „%1“ ab</translation>
    </message>
    <message>
        <source>No loss layer in the TRAIN net: training would have nothing to minimise</source>
        <translation>Kein Loss-Layer im TRAIN-Netz: Das Training hätte nichts zu minimieren</translation>
    </message>
    <message>
        <source>V1 layers (layers { type: CONVOLUTION })</source>
        <translation>V1-Layer (layers { type: CONVOLUTION })</translation>
    </message>
    <message>
        <source>net-level input fields</source>
        <translation>Eingabefelder auf Netzebene</translation>
    </message>
    <message>
        <source>BatchNorm param specs</source>
        <translation>param-Angaben von BatchNorm</translation>
    </message>
    <message>
        <source>data-transform fields in data layers</source>
        <translation>Datentransformationsfelder in Daten-Layern</translation>
    </message>
    <message>
        <source>Upgraded from a legacy format (%1). Saving writes the current format.</source>
        <translation>Aus einem Altformat aktualisiert (%1). Beim Speichern wird das aktuelle Format geschrieben.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Refresh a few times a second while training</source>
        <translation>Während des Trainings mehrmals pro Sekunde aktualisieren</translation>
    </message>
    <message>
        <source>  ·  %1/%2 it</source>
        <translation>  ·  %1/%2 It.</translation>
    </message>
    <message>
        <source>  ·  best acc %1</source>
        <translation>  ·  beste Accuracy %1</translation>
    </message>
    <message>
        <source>first listed image</source>
        <translation>erstes Bild der Liste</translation>
    </message>
</context>
<context>
    <name>crema::ui::BatchView</name>
    <message>
        <source>first </source>
        <translation>erste </translation>
    </message>
    <message>
        <source> images</source>
        <translation> Bilder</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Train batch</source>
        <translation>Trainings-Batch</translation>
    </message>
    <message>
        <source>Test batch</source>
        <translation>Test-Batch</translation>
    </message>
    <message>
        <source>Iteration %1 — labels under each image</source>
        <translation>Iteration %1 — Labels unter jedem Bild</translation>
    </message>
    <message>
        <source>Iteration %1 — %2</source>
        <translation>Iteration %1 — %2</translation>
    </message>
</context>
<context>
    <name>crema::ui::ConfusionView</name>
    <message>
        <source>Judge each test image at every test pass, up to</source>
        <translation>Bei jedem Testdurchlauf jedes Testbild bewerten, höchstens</translation>
    </message>
    <message>
        <source>Feeds the confusion matrix and the worst-images browser; costs about one more test pass</source>
        <translation>Speist die Konfusionsmatrix und die Liste der schlechtesten Bilder; kostet etwa einen weiteren Testdurchlauf</translation>
    </message>
    <message>
        <source> images</source>
        <translation> Bilder</translation>
    </message>
    <message>
        <source>Test pass</source>
        <translation>Testdurchlauf</translation>
    </message>
    <message>
        <source>The matrix appears after the first test pass.</source>
        <translation>Die Matrix erscheint nach dem ersten Testdurchlauf.</translation>
    </message>
    <message>
        <source>Test pass %1 of %2 at iteration %3: %4 images, accuracy %5, mean loss %6. Rows: true label; columns: prediction.</source>
        <translation>Testdurchlauf %1 von %2 bei Iteration %3: %4 Bilder, Accuracy %5, mittlerer Loss %6. Zeilen: wahres Label; Spalten: Vorhersage.</translation>
    </message>
    <message>
        <source>true %1, predicted %2: %3 (%4% of row)</source>
        <translation>wahr %1, vorhergesagt %2: %3 (%4 % der Zeile)</translation>
    </message>
</context>
<context>
    <name>crema::ui::FeatureMapView</name>
    <message>
        <source>test image #</source>
        <translation>Testbild Nr. </translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Test image #%1, label %2 — iteration %3</source>
        <translation>Testbild Nr. %1, Label %2 — Iteration %3</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;  %2  range [%3, %4]</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;  %2  Bereich [%3, %4]</translation>
    </message>
</context>
<context>
    <name>crema::ui::FilterView</name>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>Gradienten</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; %2 %3 %4 — iteration %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; %2 %3 %4 — Iteration %5</translation>
    </message>
    <message>
        <source>gradients (diff)</source>
        <translation>Gradienten (diff)</translation>
    </message>
    <message>
        <source>weights (data)</source>
        <translation>Gewichte (data)</translation>
    </message>
    <message>
        <source>&lt;br&gt;Shared scale: black = %1, white = %2</source>
        <translation>&lt;br&gt;Gemeinsame Skala: schwarz = %1, weiß = %2</translation>
    </message>
</context>
<context>
    <name>crema::ui::InsideTab</name>
    <message>
        <source>Data batch</source>
        <translation>Daten-Batch</translation>
    </message>
    <message>
        <source>Filters and gradients</source>
        <translation>Filter und Gradienten</translation>
    </message>
    <message>
        <source>Score evolution</source>
        <translation>Score-Verlauf</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Feature-Maps</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>Konfusionsmatrix</translation>
    </message>
    <message>
        <source>Worst test images</source>
        <translation>Schlechteste Testbilder</translation>
    </message>
</context>
<context>
    <name>crema::ui::LayerPalette</name>
    <message>
        <source>Search layers…</source>
        <translation>Layer suchen…</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Not implemented by Crema&apos;s engine: it can be edited and exported for Caffe, not trained here.&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;Von Cremas Engine nicht implementiert: Er kann bearbeitet und für Caffe exportiert, aber hier nicht trainiert werden.&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>crema::ui::LayerPropertiesPanel</name>
    <message>
        <source>Set %1 of %2</source>
        <translation>%1 von %2 setzen</translation>
    </message>
    <message>
        <source>%1 layers selected.
Delete, copy or move them together; select one layer to edit its properties.</source>
        <translation>%1 Layer ausgewählt.
Sie können gemeinsam gelöscht, kopiert oder verschoben werden; wählen Sie einen einzelnen Layer, um seine Eigenschaften zu bearbeiten.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Net&lt;/b&gt; — %n layer(s). Select a layer to edit it.</source>
        <translation>
            <numerusform>&lt;b&gt;Netz&lt;/b&gt; — %n Layer. Wählen Sie einen Layer, um ihn zu bearbeiten.</numerusform>
            <numerusform>&lt;b&gt;Netz&lt;/b&gt; — %n Layer. Wählen Sie einen Layer, um ihn zu bearbeiten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Set net %1</source>
        <translation>Netzfeld %1 setzen</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>&lt;b&gt;name&lt;/b&gt;: string&lt;br&gt;Layer name; tops named after the layer are renamed with it.</source>
        <translation>&lt;b&gt;name&lt;/b&gt;: string&lt;br&gt;Name des Layers; nach dem Layer benannte Tops werden mit umbenannt.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>name</translation>
    </message>
    <message>
        <source>&lt;b&gt;type&lt;/b&gt;: string&lt;br&gt;The layer type; its *_param settings are kept.</source>
        <translation>&lt;b&gt;type&lt;/b&gt;: string&lt;br&gt;Der Layer-Typ; seine *_param-Einstellungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>TRAIN and TEST</source>
        <translation>TRAIN und TEST</translation>
    </message>
    <message>
        <source>TRAIN only</source>
        <translation>nur TRAIN</translation>
    </message>
    <message>
        <source>TEST only</source>
        <translation>nur TEST</translation>
    </message>
    <message>
        <source>custom rules (see below)</source>
        <translation>eigene Regeln (siehe unten)</translation>
    </message>
    <message>
        <source>&lt;b&gt;include { phase }&lt;/b&gt;: in which nets the layer is built</source>
        <translation>&lt;b&gt;include { phase }&lt;/b&gt;: in welchen Netzen der Layer aufgebaut wird</translation>
    </message>
    <message>
        <source>phase</source>
        <translation>phase</translation>
    </message>
    <message>
        <source>in place (top = bottom)</source>
        <translation>in place (Top = Bottom)</translation>
    </message>
    <message>
        <source>The layer overwrites its input blob instead of writing a new one (saves memory)</source>
        <translation>Der Layer überschreibt seinen Eingabe-Blob, statt einen neuen zu schreiben (spart Speicher)</translation>
    </message>
    <message>
        <source>Bottoms and tops</source>
        <translation>Bottoms und Tops</translation>
    </message>
    <message>
        <source>Blob read by this bottom (a top of an earlier layer)</source>
        <translation>Blob, den dieser Bottom liest (ein Top eines früheren Layers)</translation>
    </message>
    <message>
        <source>Disconnect this bottom</source>
        <translation>Diesen Bottom trennen</translation>
    </message>
    <message>
        <source>+ add bottom…</source>
        <translation>+ Bottom hinzufügen…</translation>
    </message>
    <message>
        <source>Blob written by this top; renaming it renames the bottoms that read it</source>
        <translation>Blob, den dieser Top schreibt; Umbenennen benennt auch die Bottoms um, die ihn lesen</translation>
    </message>
    <message>
        <source>top %1</source>
        <translation>Top %1</translation>
    </message>
    <message>
        <source>Analysis input</source>
        <translation>Eingabe für die Analyse</translation>
    </message>
    <message>
        <source>C x H x W of the data top used to compute shapes (not saved in the prototxt; kept in the layout file). Empty: read from the LMDB or guessed from the source name.</source>
        <translation>C x H x W des Daten-Tops zur Berechnung der Shapes (nicht im Prototxt gespeichert, sondern in der Layout-Datei). Leer: aus der LMDB gelesen oder aus dem source-Namen geraten.</translation>
    </message>
    <message>
        <source>Give three positive numbers: channels x height x width</source>
        <translation>Geben Sie drei positive Zahlen an: Kanäle x Höhe x Breite</translation>
    </message>
    <message>
        <source>C x H x W</source>
        <translation>C x H x W</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Learning</source>
        <translation>Lernen</translation>
    </message>
    <message>
        <source>Include / exclude rules</source>
        <translation>Include-/Exclude-Regeln</translation>
    </message>
    <message>
        <source>&lt;i&gt;analysing…&lt;/i&gt;</source>
        <translation>&lt;i&gt;wird analysiert…&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Parameters: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>Parameter: &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Multiply-adds per forward: TRAIN &lt;b&gt;%1&lt;/b&gt;, TEST &lt;b&gt;%2&lt;/b&gt;%3</source>
        <translation>Multiply-Adds pro Forward-Pass: TRAIN &lt;b&gt;%1&lt;/b&gt;, TEST &lt;b&gt;%2&lt;/b&gt;%3</translation>
    </message>
    <message>
        <source> (scaled from batch 1)</source>
        <translation> (hochgerechnet von Batch 1)</translation>
    </message>
    <message>
        <source>top &lt;b&gt;%1&lt;/b&gt;: %2</source>
        <translation>Top &lt;b&gt;%1&lt;/b&gt;: %2</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>parameters: %1</source>
        <translation>Parameter: %1</translation>
    </message>
    <message>
        <source>multiply-adds: %1</source>
        <translation>Multiply-Adds: %1</translation>
    </message>
</context>
<context>
    <name>crema::ui::LogPanel</name>
    <message>
        <source>Filter (e.g. Test net output)</source>
        <translation>Filter (z. B. Test net output)</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Mitscrollen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>crema::ui::LossPlot</name>
    <message>
        <source>iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>train loss</source>
        <translation>Trainings-Loss</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>Test-Accuracy</translation>
    </message>
    <message>
        <source>log loss</source>
        <translation>Loss logarithmisch</translation>
    </message>
    <message>
        <source>log accuracy</source>
        <translation>Accuracy logarithmisch</translation>
    </message>
    <message>
        <source>log iteration</source>
        <translation>Iteration logarithmisch</translation>
    </message>
    <message>
        <source>#%1 smoothed loss</source>
        <translation>#%1 geglätteter Loss</translation>
    </message>
    <message>
        <source>#%1 accuracy</source>
        <translation>#%1 Accuracy</translation>
    </message>
    <message>
        <source>smoothed (average_loss)</source>
        <translation>geglättet (average_loss)</translation>
    </message>
    <message>
        <source>test loss</source>
        <translation>Test-Loss</translation>
    </message>
    <message>
        <source>best %1 @ %2</source>
        <translation>beste Accuracy %1 @ %2</translation>
    </message>
    <message>
        <source>best loss %1 @ %2</source>
        <translation>bester Loss %1 @ %2</translation>
    </message>
</context>
<context>
    <name>crema::ui::LrPlot</name>
    <message>
        <source>iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>log lr</source>
        <translation>Lernrate logarithmisch</translation>
    </message>
    <message>
        <source>log iteration</source>
        <translation>Iteration logarithmisch</translation>
    </message>
    <message>
        <source>#%1 lr</source>
        <translation>#%1 Lernrate</translation>
    </message>
</context>
<context>
    <name>crema::ui::MainWindow</name>
    <message>
        <source>Save snapshot</source>
        <translation>Snapshot speichern</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netz</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Inside</source>
        <translation>Einblick</translation>
    </message>
    <message>
        <source>Solver</source>
        <translation>Solver</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>%1 konnte nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Properties — Solver</source>
        <translation>Eigenschaften — Solver</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Log</translation>
    </message>
    <message>
        <source>&amp;New (LeNet example)</source>
        <translation>&amp;Neu (LeNet-Beispiel)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Train until max_iter (F5); resumes when paused</source>
        <translation>Bis max_iter trainieren (F5); setzt nach einer Pause fort</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Step 1</source>
        <translation>Schritt 1</translation>
    </message>
    <message>
        <source>One training iteration, then pause (F10)</source>
        <translation>Eine Trainingsiteration, dann pausieren (F10)</translation>
    </message>
    <message>
        <source>Step N</source>
        <translation>Schritt N</translation>
    </message>
    <message>
        <source>N training iterations, then pause</source>
        <translation>N Trainingsiterationen, dann pausieren</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>End the run; the weights are kept for inspection and snapshots</source>
        <translation>Den Lauf beenden; die Gewichte bleiben für Einblicke und Snapshots erhalten</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>Snapshot</translation>
    </message>
    <message>
        <source>Write .caffemodel and .solverstate now</source>
        <translation>.caffemodel und .solverstate jetzt schreiben</translation>
    </message>
    <message>
        <source>Test now</source>
        <translation>Jetzt testen</translation>
    </message>
    <message>
        <source>Run the test nets now (F7)</source>
        <translation>Die Testnetze jetzt ausführen (F7)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>N for Step N</source>
        <translation>N für Schritt N</translation>
    </message>
    <message>
        <source> Threads </source>
        <translation> Threads </translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>Threads for oneDNN and OpenMP (auto: $CREMA_THREADS or all cores)</source>
        <translation>Threads für oneDNN und OpenMP (auto: $CREMA_THREADS oder alle Kerne)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>Layout zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Data folder…</source>
        <translation>Datenordner…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Crema reads the example&apos;s MNIST databases from
%1

Create them with:
%2</source>
        <translation>Crema liest die MNIST-Datenbanken des Beispiels aus
%1

Erzeugen Sie sie mit:
%2</translation>
    </message>
    <message>
        <source>About Crema</source>
        <translation>Über Crema</translation>
    </message>
    <message>
        <source>&lt;b&gt;Crema %1&lt;/b&gt;&lt;br&gt;A Caffe-compatible training workbench on oneDNN.</source>
        <translation>&lt;b&gt;Crema %1&lt;/b&gt;&lt;br&gt;Eine Caffe-kompatible Trainings-Workbench auf oneDNN.</translation>
    </message>
    <message>
        <source>Training stopped at iteration %1. The weights are kept (look inside) and were saved to %2.</source>
        <translation>Training bei Iteration %1 gestoppt. Die Gewichte bleiben erhalten (sehen Sie hinein) und wurden nach %2 gespeichert.</translation>
    </message>
    <message>
        <source>Training stopped at iteration %1. The weights are kept: look inside, or save a snapshot.</source>
        <translation>Training bei Iteration %1 gestoppt. Die Gewichte bleiben erhalten: Sehen Sie hinein oder speichern Sie einen Snapshot.</translation>
    </message>
    <message>
        <source>Training finished at iteration %1</source>
        <translation>Training bei Iteration %1 abgeschlossen</translation>
    </message>
    <message>
        <source>test loss %1</source>
        <translation>Test-Loss %1</translation>
    </message>
    <message>
        <source>test acc %1</source>
        <translation>Test-Accuracy %1</translation>
    </message>
    <message>
        <source>Snapshot of iteration %1: %2</source>
        <translation>Snapshot von Iteration %1: %2</translation>
    </message>
    <message>
        <source>Training paused: non-finite loss</source>
        <translation>Training pausiert: Loss nicht endlich</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The net or solver has unsaved changes. Save them first?</source>
        <translation>Netz oder Solver haben ungespeicherte Änderungen. Zuerst speichern?</translation>
    </message>
    <message>
        <source>Crema — %1%2</source>
        <translation>Crema — %1%2</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>iter %1</source>
        <translation>Iter. %1</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>Loss %1</translation>
    </message>
    <message>
        <source>loss –</source>
        <translation>Loss –</translation>
    </message>
    <message>
        <source>%1 it/s</source>
        <translation>%1 It./s</translation>
    </message>
    <message>
        <source>– it/s</source>
        <translation>– It./s</translation>
    </message>
    <message>
        <source> %1 it/s · ETA %2</source>
        <translation> %1 It./s · noch %2</translation>
    </message>
    <message>
        <source>The training data of this net was not found:
%1

</source>
        <translation>Die Trainingsdaten dieses Netzes wurden nicht gefunden:
%1

</translation>
    </message>
    <message>
        <source>Create the MNIST databases in the data folder with:

    %1

then press Run. (Data folder: %2 — choose another with crema --data-dir DIR or $CREMA_DATA_DIR.)</source>
        <translation>Erzeugen Sie die MNIST-Datenbanken im Datenordner mit:

    %1

und drücken Sie dann Starten. (Datenordner: %2 — einen anderen wählen Sie mit crema --data-dir DIR oder $CREMA_DATA_DIR.)</translation>
    </message>
    <message>
        <source>Fix the data layers&apos; source paths (relative paths are looked up next to the net, in the working directory and in %1).</source>
        <translation>Korrigieren Sie die source-Pfade der Daten-Layer (relative Pfade werden neben dem Netz, im Arbeitsverzeichnis und in %1 gesucht).</translation>
    </message>
    <message>
        <source>Training data missing</source>
        <translation>Trainingsdaten fehlen</translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation>Training kann nicht gestartet werden</translation>
    </message>
    <message>
        <source>Open net or solver</source>
        <translation>Netz oder Solver öffnen</translation>
    </message>
    <message>
        <source>Prototxt (*.prototxt *.pt *.txt);;All files (*)</source>
        <translation>Prototxt (*.prototxt *.pt *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save solver (the net is saved next to it)</source>
        <translation>Solver speichern (das Netz wird daneben gespeichert)</translation>
    </message>
    <message>
        <source>Prototxt (*.prototxt)</source>
        <translation>Prototxt (*.prototxt)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
</context>
<context>
    <name>crema::ui::MessageEditor</name>
    <message>
        <source> &lt;i&gt;(required)&lt;/i&gt;</source>
        <translation> &lt;i&gt;(erforderlich)&lt;/i&gt;</translation>
    </message>
    <message>
        <source>Reset to the default (unset the field)</source>
        <translation>Auf den Standardwert zurücksetzen (Feld entfernen)</translation>
    </message>
    <message>
        <source>(default)</source>
        <translation>(Standard)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>(required)</source>
        <translation>(erforderlich)</translation>
    </message>
    <message>
        <source>(empty list; comma-separated)</source>
        <translation>(leere Liste; durch Kommas getrennt)</translation>
    </message>
    <message>
        <source>&lt;br&gt;A list: values separated by commas.</source>
        <translation>&lt;br&gt;Eine Liste: Werte durch Kommas getrennt.</translation>
    </message>
    <message>
        <source> — not set</source>
        <translation> — nicht gesetzt</translation>
    </message>
    <message>
        <source>Remove %1 (back to defaults)</source>
        <translation>%1 entfernen (zurück zu den Standardwerten)</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Append a %1</source>
        <translation>%1 anhängen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>crema::ui::NetCanvas</name>
    <message>
        <source>%1 params</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <source>%1 MAC</source>
        <translation>%1 MAC</translation>
    </message>
    <message numerus="yes">
        <source>Disconnect %n wire(s)</source>
        <translation>
            <numerusform>%n Verbindung trennen</numerusform>
            <numerusform>%n Verbindungen trennen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied %n layer(s)</source>
        <translation>
            <numerusform>%n Layer kopiert</numerusform>
            <numerusform>%n Layer kopiert</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard holds no layers</source>
        <translation>Die Zwischenablage enthält keine Layer</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n layer(s)</source>
        <translation>
            <numerusform>%n Layer einfügen</numerusform>
            <numerusform>%n Layer einfügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename layer</source>
        <translation>Layer umbenennen</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Umbenennen…</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>In place</source>
        <translation>In place</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>TRAIN and TEST</source>
        <translation>TRAIN und TEST</translation>
    </message>
    <message>
        <source>TRAIN only</source>
        <translation>nur TRAIN</translation>
    </message>
    <message>
        <source>TEST only</source>
        <translation>nur TEST</translation>
    </message>
    <message>
        <source>Split into TRAIN and TEST data layers</source>
        <translation>In TRAIN- und TEST-Daten-Layer aufteilen</translation>
    </message>
    <message>
        <source>Disconnect %1</source>
        <translation>%1 trennen</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Alles auswählen</translation>
    </message>
    <message>
        <source>Auto layout</source>
        <translation>Automatisches Layout</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>An Fenster anpassen</translation>
    </message>
</context>
<context>
    <name>crema::ui::NetDocument</name>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>Delete %1 layers</source>
        <translation>%1 Layer löschen</translation>
    </message>
    <message>
        <source>No such layer</source>
        <translation>Layer existiert nicht</translation>
    </message>
    <message>
        <source>A layer cannot feed itself</source>
        <translation>Ein Layer kann nicht sich selbst speisen</translation>
    </message>
    <message>
        <source>No such top</source>
        <translation>Top existiert nicht</translation>
    </message>
    <message>
        <source>Connecting %1 to %2 would make a cycle</source>
        <translation>%1 mit %2 zu verbinden, würde einen Zyklus erzeugen</translation>
    </message>
    <message>
        <source>Cannot wire %1 to %2: another layer overwrites &apos;%3&apos; in between</source>
        <translation>%1 kann nicht mit %2 verbunden werden: Ein anderer Layer überschreibt „%3“ dazwischen</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>%1 mit %2 verbinden</translation>
    </message>
    <message>
        <source>Disconnect %1 from %2</source>
        <translation>%1 von %2 trennen</translation>
    </message>
    <message>
        <source>Set %1 of %2</source>
        <translation>%1 von %2 setzen</translation>
    </message>
    <message>
        <source>Reset %1 of %2</source>
        <translation>%1 von %2 zurücksetzen</translation>
    </message>
    <message>
        <source>A layer name must be non-empty and without spaces</source>
        <translation>Ein Layer-Name darf nicht leer sein und keine Leerzeichen enthalten</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>A blob name must be non-empty and without spaces</source>
        <translation>Ein Blob-Name darf nicht leer sein und keine Leerzeichen enthalten</translation>
    </message>
    <message>
        <source>Rename blob %1 to %2</source>
        <translation>Blob %1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Make %1 in place</source>
        <translation>%1 in place ausführen</translation>
    </message>
    <message>
        <source>Make %1 out of place</source>
        <translation>%1 nicht in place ausführen</translation>
    </message>
    <message>
        <source>all phases</source>
        <translation>alle Phasen</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>%1 verschieben</translation>
    </message>
    <message>
        <source>Move %1 layers</source>
        <translation>%1 Layer verschieben</translation>
    </message>
    <message>
        <source>Edit solver</source>
        <translation>Solver bearbeiten</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Add TEST-phase %1</source>
        <translation>TEST-Phasen-Layer %1 hinzufügen</translation>
    </message>
</context>
<context>
    <name>crema::ui::NetEditorWidget</name>
    <message>
        <source>Could not write the layout file: %1</source>
        <translation>Die Layout-Datei konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>Template %1</source>
        <translation>Vorlage %1</translation>
    </message>
    <message>
        <source>Template solver</source>
        <translation>Vorlagen-Solver</translation>
    </message>
    <message>
        <source>Unsaved changes of %1 from an earlier session were kept. &lt;a href=&quot;restore&quot;&gt;Restore them&lt;/a&gt; · &lt;a href=&quot;discard&quot;&gt;Discard&lt;/a&gt;</source>
        <translation>Ungespeicherte Änderungen an %1 aus einer früheren Sitzung wurden aufbewahrt. &lt;a href=&quot;restore&quot;&gt;Wiederherstellen&lt;/a&gt; · &lt;a href=&quot;discard&quot;&gt;Verwerfen&lt;/a&gt;</translation>
    </message>
    <message>
        <source>an untitled net</source>
        <translation>einem unbenannten Netz</translation>
    </message>
    <message>
        <source>Net editor</source>
        <translation>Netz-Editor</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Solver</source>
        <translation>Solver</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Empty net</source>
        <translation>Leeres Netz</translation>
    </message>
    <message>
        <source>New net: empty or from a template</source>
        <translation>Neues Netz: leer oder aus einer Vorlage</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <source>Open net or solver</source>
        <translation>Netz oder Solver öffnen</translation>
    </message>
    <message>
        <source>Caffe prototxt (*.prototxt *.pt *.txt);;All files (*)</source>
        <translation>Caffe-Prototxt (*.prototxt *.pt *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Replace the net with a template (undoable)</source>
        <translation>Das Netz durch eine Vorlage ersetzen (rückgängig machbar)</translation>
    </message>
    <message>
        <source>Deploy…</source>
        <translation>Deploy…</translation>
    </message>
    <message>
        <source>Deploy net</source>
        <translation>Deploy-Netz</translation>
    </message>
    <message>
        <source>Batch size of the Input layer:</source>
        <translation>Batch-Größe des Input-Layers:</translation>
    </message>
    <message>
        <source>Save deploy net</source>
        <translation>Deploy-Netz speichern</translation>
    </message>
    <message>
        <source>Caffe prototxt (*.prototxt)</source>
        <translation>Caffe-Prototxt (*.prototxt)</translation>
    </message>
    <message>
        <source>Save a deploy net: data layers become Input, the loss becomes Softmax</source>
        <translation>Ein Deploy-Netz speichern: Daten-Layer werden zu Input, der Loss wird zu Softmax</translation>
    </message>
    <message>
        <source>Save solver…</source>
        <translation>Solver speichern…</translation>
    </message>
    <message>
        <source>Save solver</source>
        <translation>Solver speichern</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <source>Auto layout</source>
        <translation>Automatisches Layout</translation>
    </message>
    <message>
        <source>Lay the graph out top to bottom (Graphviz dot)</source>
        <translation>Den Graphen von oben nach unten anordnen (Graphviz dot)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <source>Zoom +</source>
        <translation>Zoom +</translation>
    </message>
    <message>
        <source>Zoom −</source>
        <translation>Zoom −</translation>
    </message>
    <message>
        <source>untitled</source>
        <translation>unbenannt</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) · %1 params · %2 MAC per TRAIN forward</source>
        <translation>
            <numerusform>%n Layer · %1 Parameter · %2 MAC pro TRAIN-Forward-Pass</numerusform>
            <numerusform>%n Layer · %1 Parameter · %2 MAC pro TRAIN-Forward-Pass</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>builds in TRAIN and TEST</source>
        <translation>baut in TRAIN und TEST</translation>
    </message>
    <message>
        <source>Solver opened; its net file &apos;%1&apos; was not found, so the current net is kept.</source>
        <translation>Solver geöffnet; seine Netzdatei „%1“ wurde nicht gefunden, daher bleibt das aktuelle Netz erhalten.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Save net</source>
        <translation>Netz speichern</translation>
    </message>
    <message>
        <source>Deploy net written to %1</source>
        <translation>Deploy-Netz nach %1 geschrieben</translation>
    </message>
    <message>
        <source>Drag layers from the palette onto the canvas; drag from a node&apos;s bottom-edge port (top) to another node&apos;s top-edge port (bottom) to connect them.</source>
        <translation>Ziehen Sie Layer aus der Palette auf die Arbeitsfläche; ziehen Sie vom Anschluss am unteren Rand eines Knotens (Top) zum Anschluss am oberen Rand eines anderen Knotens (Bottom), um sie zu verbinden.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>The net &quot;%1&quot; has unsaved changes. Save them?</source>
        <translation>Das Netz „%1“ hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <source>Autosave failed: %1</source>
        <translation>Automatisches Speichern fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 is not a Crema recovery file</source>
        <translation>%1 ist keine Crema-Wiederherstellungsdatei</translation>
    </message>
    <message>
        <source>Restore unsaved changes</source>
        <translation>Ungespeicherte Änderungen wiederherstellen</translation>
    </message>
    <message>
        <source>Restored unsaved changes from an earlier session.</source>
        <translation>Ungespeicherte Änderungen aus einer früheren Sitzung wiederhergestellt.</translation>
    </message>
</context>
<context>
    <name>crema::ui::NetTab</name>
    <message>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Bottoms</source>
        <translation>Bottoms</translation>
    </message>
    <message>
        <source>Tops</source>
        <translation>Tops</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Apply text</source>
        <translation>Text übernehmen</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>&lt;b&gt;prototxt&lt;/b&gt;</source>
        <translation>&lt;b&gt;prototxt&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s)</source>
        <translation>
            <numerusform>%n Layer</numerusform>
            <numerusform>%n Layer</numerusform>
        </translation>
    </message>
    <message>
        <source>Stop training before changing the net.</source>
        <translation>Stoppen Sie das Training, bevor Sie das Netz ändern.</translation>
    </message>
</context>
<context>
    <name>crema::ui::NodeItem</name>
    <message>
        <source>in place on %1</source>
        <translation>in place auf %1</translation>
    </message>
</context>
<context>
    <name>crema::ui::PlotPanel</name>
    <message>
        <source>Reset view</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <source>Follow the data again after zooming (wheel) or panning (drag)</source>
        <translation>Nach Zoomen (Mausrad) oder Verschieben (Ziehen) wieder den Daten folgen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>PNG image…</source>
        <translation>PNG-Bild…</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>PDF document…</source>
        <translation>PDF-Dokument…</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV data…</source>
        <translation>CSV-Daten…</translation>
    </message>
    <message>
        <source>Export data</source>
        <translation>Daten exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Logarithmic scale</source>
        <translation>Logarithmische Skala</translation>
    </message>
    <message>
        <source>There is no run to export yet.</source>
        <translation>Es gibt noch keinen Lauf zum Exportieren.</translation>
    </message>
</context>
<context>
    <name>crema::ui::Project</name>
    <message>
        <source>Edit solver</source>
        <translation>Solver bearbeiten</translation>
    </message>
    <message>
        <source>Edit net text</source>
        <translation>Netztext bearbeiten</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1: the solver names no net (net, net_param or train_net)</source>
        <translation>%1: Der Solver nennt kein Netz (net, net_param oder train_net)</translation>
    </message>
    <message>
        <source>The project has no file yet; use Save As.</source>
        <translation>Das Projekt hat noch keine Datei; verwenden Sie „Speichern unter“.</translation>
    </message>
    <message>
        <source>The net has no layers.</source>
        <translation>Das Netz hat keine Layer.</translation>
    </message>
    <message>
        <source>Set max_iter (the number of training iterations) in the solver.</source>
        <translation>Setzen Sie max_iter (die Zahl der Trainingsiterationen) im Solver.</translation>
    </message>
    <message>
        <source>Cannot create the snapshot folder %1</source>
        <translation>Der Snapshot-Ordner %1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>crema::ui::ProtoForm</name>
    <message>
        <source>&lt;b&gt;More&lt;/b&gt;</source>
        <translation>&lt;b&gt;Weitere&lt;/b&gt;</translation>
    </message>
    <message>
        <source>comma-separated</source>
        <translation>durch Kommas getrennt</translation>
    </message>
</context>
<context>
    <name>crema::ui::PrototxtView</name>
    <message>
        <source>Edit prototxt text</source>
        <translation>Prototxt-Text bearbeiten</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>Zeile %1, Spalte %2: %3</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#2e7d32&apos;&gt;Text and graph are in sync.&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#2e7d32&apos;&gt;Text und Graph sind synchron.&lt;/span&gt;</translation>
    </message>
</context>
<context>
    <name>crema::ui::RunHistory</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>crema::ui::RunsPanel</name>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Tick earlier runs to overlay them.</source>
        <translation>Frühere Läufe ankreuzen, um sie zu überlagern.</translation>
    </message>
    <message>
        <source>Export run</source>
        <translation>Lauf exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>The current run</source>
        <translation>Der aktuelle Lauf</translation>
    </message>
</context>
<context>
    <name>crema::ui::ScoreEvolutionView</name>
    <message>
        <source>Test images to follow: positions in the test set, e.g. 0-7 or 0,5,13</source>
        <translation>Zu verfolgende Testbilder: Positionen im Testset, z. B. 0-7 oder 0,5,13</translation>
    </message>
    <message>
        <source>Output blob to record (default: the blob feeding the loss)</source>
        <translation>Aufzuzeichnender Ausgabe-Blob (Standard: der Blob, der den Loss speist)</translation>
    </message>
    <message>
        <source>every </source>
        <translation>alle </translation>
    </message>
    <message>
        <source> it</source>
        <translation> It.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Aufzeichnen</translation>
    </message>
    <message>
        <source>Start recording the chosen images and blob (clears the heat maps)</source>
        <translation>Die gewählten Bilder und den Blob aufzeichnen (leert die Heatmaps)</translation>
    </message>
    <message>
        <source>softmax</source>
        <translation>Softmax</translation>
    </message>
    <message>
        <source>Show probabilities (softmax over classes) instead of raw scores</source>
        <translation>Wahrscheinlichkeiten (Softmax über die Klassen) statt roher Scores zeigen</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Alles zeigen</translation>
    </message>
    <message>
        <source>Zoom out to the whole run (wheel zooms, drag scrolls back)</source>
        <translation>Auf den ganzen Lauf herauszoomen (Mausrad zoomt, Ziehen scrollt zurück)</translation>
    </message>
    <message>
        <source>Scores appear when a run starts.</source>
        <translation>Scores erscheinen, sobald ein Lauf beginnt.</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>Bilder</translation>
    </message>
    <message>
        <source>Give up to 64 test-image positions, e.g. 0-7 or 0,5,13.</source>
        <translation>Geben Sie bis zu 64 Testbild-Positionen an, z. B. 0-7 oder 0,5,13.</translation>
    </message>
    <message numerus="yes">
        <source>Blob &lt;b&gt;%1&lt;/b&gt; (%2 values) of %3 test images, recorded every %n iteration(s). Drag to scroll back, wheel to zoom.</source>
        <translation>
            <numerusform>Blob &lt;b&gt;%1&lt;/b&gt; (%2 Werte) von %3 Testbildern, bei jeder Iteration aufgezeichnet. Ziehen scrollt zurück, das Mausrad zoomt.</numerusform>
            <numerusform>Blob &lt;b&gt;%1&lt;/b&gt; (%2 Werte) von %3 Testbildern, alle %n Iterationen aufgezeichnet. Ziehen scrollt zurück, das Mausrad zoomt.</numerusform>
        </translation>
    </message>
    <message>
        <source>No scores.</source>
        <translation>Keine Scores.</translation>
    </message>
    <message>
        <source>class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>#%1 label %2
now %3 (%4)</source>
        <translation>#%1 Label %2
jetzt %3 (%4)</translation>
    </message>
</context>
<context>
    <name>crema::ui::SolverEditor</name>
    <message>
        <source>&lt;b&gt;Learning-rate schedule&lt;/b&gt; over max_iter</source>
        <translation>&lt;b&gt;Lernraten-Verlauf&lt;/b&gt; über max_iter</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>logarithmic rate axis</source>
        <translation>logarithmische Lernraten-Achse</translation>
    </message>
    <message>
        <source>Set solver %1</source>
        <translation>Solver-Feld %1 setzen</translation>
    </message>
</context>
<context>
    <name>crema::ui::SolverPanel</name>
    <message>
        <source>Starting learning rate. Editable while training: applied at the next iteration.</source>
        <translation>Anfangslernrate. Während des Trainings änderbar: gilt ab der nächsten Iteration.</translation>
    </message>
    <message>
        <source>SGD momentum. Editable while training: applied at the next iteration.</source>
        <translation>SGD-Momentum. Während des Trainings änderbar: gilt ab der nächsten Iteration.</translation>
    </message>
    <message>
        <source>fixed, step, exp, inv, multistep, poly or sigmoid (Caffe&apos;s policies)</source>
        <translation>fixed, step, exp, inv, multistep, poly oder sigmoid (Caffes Policies)</translation>
    </message>
    <message>
        <source>Batches per test pass (per test net)</source>
        <translation>Batches pro Testdurchlauf (je Testnetz)</translation>
    </message>
    <message>
        <source>Test every this many iterations</source>
        <translation>Alle so vielen Iterationen testen</translation>
    </message>
    <message>
        <source>Log the loss every this many iterations</source>
        <translation>Den Loss alle so vielen Iterationen protokollieren</translation>
    </message>
    <message>
        <source>Smooth the displayed loss over this many iterations</source>
        <translation>Den angezeigten Loss über so viele Iterationen glätten</translation>
    </message>
    <message>
        <source>Write a snapshot every this many iterations (0: never)</source>
        <translation>Alle so vielen Iterationen einen Snapshot schreiben (0: nie)</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>Iteration</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>&lt;b&gt;Learning-rate schedule&lt;/b&gt;</source>
        <translation>&lt;b&gt;Lernraten-Verlauf&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1: %2 at 0 → %3 at %4</source>
        <translation>%1: %2 bei 0 → %3 bei %4</translation>
    </message>
</context>
<context>
    <name>crema::ui::TrainingState</name>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Halted</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>crema::ui::TrainingTab</name>
    <message>
        <source>Loss and accuracy</source>
        <translation>Loss und Accuracy</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
</context>
<context>
    <name>crema::ui::TrainingWorker</name>
    <message>
        <source>%1: unknown error</source>
        <translation>%1: unbekannter Fehler</translation>
    </message>
    <message>
        <source>A run is already in progress; stop it first.</source>
        <translation>Es läuft bereits ein Training; stoppen Sie es zuerst.</translation>
    </message>
    <message>
        <source>Could not build the solver</source>
        <translation>Der Solver konnte nicht aufgebaut werden</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Training failed: unknown error</source>
        <translation>Training fehlgeschlagen: unbekannter Fehler</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; (%2) produced non-finite values in &apos;%3&apos;%4</source>
        <translation>Layer „%1“ (%2) hat nicht endliche Werte in „%3“ erzeugt%4</translation>
    </message>
    <message>
        <source>; its weights are non-finite</source>
        <translation>; seine Gewichte sind nicht endlich</translation>
    </message>
    <message>
        <source>every layer output is finite; the loss itself overflowed</source>
        <translation>alle Layer-Ausgaben sind endlich; der Loss selbst ist übergelaufen</translation>
    </message>
    <message>
        <source>Loss is %1 at iteration %2: %3. Training paused; lower base_lr, then Resume, or Stop.</source>
        <translation>Loss ist %1 bei Iteration %2: %3. Training pausiert; senken Sie base_lr und wählen Sie dann Fortsetzen oder Stoppen.</translation>
    </message>
    <message>
        <source>infinite</source>
        <translation>unendlich</translation>
    </message>
    <message>
        <source>Snapshot: there are no trained weights yet; run or step first.</source>
        <translation>Snapshot: Es gibt noch keine trainierten Gewichte; starten Sie zuerst ein Training oder einen Schritt.</translation>
    </message>
    <message>
        <source>Snapshot failed</source>
        <translation>Snapshot fehlgeschlagen</translation>
    </message>
    <message>
        <source>Test: there is no net yet; run or step first.</source>
        <translation>Test: Es gibt noch kein Netz; starten Sie zuerst ein Training oder einen Schritt.</translation>
    </message>
    <message>
        <source>Test failed</source>
        <translation>Test fehlgeschlagen</translation>
    </message>
    <message>
        <source>Thread count</source>
        <translation>Thread-Anzahl</translation>
    </message>
    <message>
        <source>No run yet: press Run or Step 1.</source>
        <translation>Noch kein Lauf: Drücken Sie Starten oder Schritt 1.</translation>
    </message>
    <message>
        <source>The test batch appears after the first test pass.</source>
        <translation>Der Test-Batch erscheint nach dem ersten Testdurchlauf.</translation>
    </message>
    <message>
        <source>input channel %1</source>
        <translation>Eingabekanal %1</translation>
    </message>
    <message>
        <source>showing %1 of %2 input channels</source>
        <translation>%1 von %2 Eingabekanälen gezeigt</translation>
    </message>
    <message>
        <source>%1 rows as %2x%3x%4 images</source>
        <translation>%1 Zeilen als %2x%3x%4-Bilder</translation>
    </message>
    <message>
        <source>weight matrix %1 x %2 (rows = outputs)</source>
        <translation>Gewichtsmatrix %1 x %2 (Zeilen = Ausgaben)</translation>
    </message>
    <message>
        <source>%1-D weights are not shown</source>
        <translation>%1-D-Gewichte werden nicht gezeigt</translation>
    </message>
    <message>
        <source>Test images unavailable: %1</source>
        <translation>Testbilder nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Score evolution unavailable: %1</source>
        <translation>Score-Verlauf nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>Score evolution stopped: %1</source>
        <translation>Score-Verlauf angehalten: %1</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>Auswertung fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>crema::ui::WorstView</name>
    <message>
        <source>Highest loss first</source>
        <translation>Höchster Loss zuerst</translation>
    </message>
    <message>
        <source>Least sure first</source>
        <translation>Unsicherste zuerst</translation>
    </message>
    <message>
        <source>The images appear after the first test pass.</source>
        <translation>Die Bilder erscheinen nach dem ersten Testdurchlauf.</translation>
    </message>
    <message>
        <source>%1→%2 p%3
loss %4</source>
        <translation>%1→%2 p%3
Loss %4</translation>
    </message>
    <message>
        <source>test image #%1: label %2, predicted %3 (p=%4), p(label)=%5, loss %6</source>
        <translation>Testbild Nr. %1: Label %2, vorhergesagt %3 (p=%4), p(Label)=%5, Loss %6</translation>
    </message>
    <message>
        <source>Iteration %1: %2 of %3 images shown (%4 misclassified among them). Click one to see its feature maps.</source>
        <translation>Iteration %1: %2 von %3 Bildern gezeigt (%4 davon falsch klassifiziert). Klicken Sie auf eines, um seine Feature-Maps zu sehen.</translation>
    </message>
</context>
</TS>
